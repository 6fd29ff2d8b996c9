"""Look-alike wire pages written for the tests (invented stories; no agency text): the shapes
of a Reuters, an AP and an AFP article as copied from a web page, with headline, section and
date lines, a photo caption and its credit, the dateline, wire-style attributions, reporting
credits and closing lists of links. ``REUTERS_HTML`` is the Reuters-style page saved as HTML."""

from __future__ import annotations

REUTERS_PAGE = """\
Chile says copper export tax would be 'a last resort'


  • Business
  • Wednesday, 11 Mar 2026

Chilean Finance Minister Elena Rojas speaks during a news conference in Santiago, Chile, March 10, 2026. Pablo Vera/Pool via REUTERS

SANTIAGO, March 10 (Reuters) - Chile would treat any new tax on copper exports as a last resort and keep royalties unchanged this year, the Finance Ministry said on Tuesday, citing Minister Elena Rojas.

The ministry's statement, one of several it said were prepared for foreign investors, also praised the central bank's decision and said it expected growth to pick up in the second half.

Mining companies - which have discussed a possible expansion of two northern mines - had to wait for the new rules, the ministry said.

(Reporting by Reuters; writing by Ana Lopez; editing by Tom Reed)

Follow us on our official WhatsApp channel for breaking news alerts and key updates!

Next In Business

Oil prices rise after storm in the Gulf of Mexico
Airline shares slide on fuel costs

Others Also Read
"""

AP_PAGE = """\
Flooding forces thousands from their homes in northern Italy

By MARIA ROSSI Associated Press
Updated 4:12 PM GMT, March 5, 2026

Rescue workers help a resident leave a flooded street in Faenza, Italy, Thursday, March 5, 2026. (AP Photo/Luca Bruno)

FAENZA, Italy (AP) — Heavy rain forced more than 3,000 people from their homes in northern Italy on Thursday, the civil protection agency said, citing regional officials.

Mayor Paolo Conti, who has led the town since 2021, told reporters that the river had crested overnight.

The agency's bulletin, one of two it said were issued before dawn, also praised volunteers and said more rain would fall on Friday.

Residents recalled the floods of 2023, which damaged internationally recognized heritage sites.

___

Associated Press writer Gianni Verdi in Rome contributed to this report.

Copyright 2026 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.

RELATED STORIES
Storms hit southern France
Alpine passes closed after snowfall
"""

AFP_PAGE = """\
Kenya and Ethiopia agree to reopen Moyale border crossing

Published 06/03/2026 14:05 GMT

Trucks queue at the Moyale border crossing on March 5, 2026. (Photo by Simon Maina / AFP)

Nairobi (AFP) - Trade between the two countries would resume within a week, Kenya's foreign ministry said on Friday, citing Foreign Minister Amina Wekesa.

The joint statement, which was read out in both capitals, also praised local traders and said customs checks would be simplified.

Ethiopia has repeatedly said it wants wider access to Kenyan ports.

More from AFP
Drought pushes grain prices higher in the Horn of Africa
Somali forces retake coastal town
"""

REUTERS_HTML = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Chile says copper export tax would be 'a last resort' | Reuters</title>
<meta property="og:title" content="Chile says copper export tax would be 'a last resort'">
<meta property="og:site_name" content="Reuters">
</head><body>
<header><nav><ul><li><a href="/world">World</a></li><li><a href="/business">Business</a></li>
<li><a href="/markets">Markets</a></li></ul></nav></header>
<main><article>
<h1>Chile says copper export tax would be 'a last resort'</h1>
<ul class="tags"><li>Business</li><li><time datetime="2026-03-11">Wednesday, 11 Mar 2026</time></li></ul>
<figure><img src="rojas.jpg" alt="Elena Rojas"><figcaption>Chilean Finance Minister Elena Rojas speaks
during a news conference in Santiago, Chile, March 10, 2026. Pablo Vera/Pool via REUTERS</figcaption></figure>
<p>SANTIAGO, March 10 (Reuters) - Chile would treat any new tax on copper exports as a last resort and
keep royalties unchanged this year, the Finance Ministry said on Tuesday, citing Minister Elena Rojas.</p>
<p>The ministry's statement, one of several it said were prepared for foreign investors, also praised the
central bank's decision and said it expected growth to pick up in the second half.</p>
<p>Mining companies - which have discussed a possible expansion of two northern mines - had to wait for
the new rules, the ministry said.</p>
<p>(Reporting by Reuters; writing by Ana Lopez; editing by Tom Reed)</p>
</article>
<aside><h2>Next In Business</h2><ul><li><a href="/oil">Oil prices rise after storm in the Gulf of Mexico</a></li>
<li><a href="/air">Airline shares slide on fuel costs</a></li></ul></aside>
</main><footer>© 2026 Reuters. All rights reserved.</footer></body></html>
"""
