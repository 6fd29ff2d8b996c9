"""The evidence extractors: each finds one kind of evidence in a parsed document.

- :mod:`framing.extract.attribution`: reported speech and thought (source, cue, content);
- :mod:`framing.extract.hedging`: hedges, boosters and vague attribution;
- :mod:`framing.extract.evaluative`: evaluative words and phrases;
- :mod:`framing.extract.actors`: actor mentions, attribution sources and actor sentiment.

Extractors stand on the text layer (:mod:`framing.text`), the data model
(:mod:`framing.records`, :mod:`framing.document`) and the packaged resources
(:mod:`framing.resources`). They import no features, models, analysis, plots, report,
pipeline, readers or CLI, and no other extractor's private names: what two of them need is
in :mod:`framing.extract._shared`. ``tests/test_layout.py`` holds these walls.
"""
