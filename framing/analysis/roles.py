"""Entity roles by outlet: how often each outlet casts an actor as antagonist, protagonist or
innocent, with intervals, and within-story tests of the differences between outlets.

The shares come from the role step (:func:`framing.extract.roles.assign_roles`): in each
article that mentions an actor, the step casts it in one role (or ``none``). An outlet's
share for a role is the fraction of its articles mentioning the actor that cast it so; the
interval resamples those articles (percentile bootstrap). A difference between two outlets
is computed within each story both outlets cover and that mentions the actor in both, then
averaged over those stories; its interval resamples the stories and its p-value comes from
the sign-flip permutation test :func:`framing.compare` uses for article metrics, with one
draw of resampled stories and of sign patterns per pair of outlets shared by its actors (as
``compare`` shares them across its metrics and actors).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from framing.analysis.statistics import (_boot_means, _interval, _p_value, _pairs_in_stories,
                                         _sign_patterns)
from framing.analysis.tables import STATUS_OK, Analysis

__all__ = ["role_shares", "role_differences", "MAIN_ROLES"]

MAIN_ROLES = ("antagonist", "protagonist", "innocent")
SHARE_COLUMNS = ["by", "actor", "role", "share", "ci_low", "ci_high", "n_articles"]
NO_ROLES = ("the analysis has no roles: run a pipeline with the 'roles' step "
            "(framing.Pipeline.default() has it)")


def _scored(analysis: Analysis, by: str, within: str | None,
            actors: Sequence[str] | None = None) -> pd.DataFrame:
    """Actor rows of analysed articles that the role step scored (of ``actors`` only, if
    given), with ``by`` and ``within``."""
    if not isinstance(analysis, Analysis):
        raise TypeError(f"expected an Analysis (from corpus.analyze()), got {type(analysis).__name__}")
    arts = analysis.articles
    for f in (by, within):
        if f is not None and f not in arts.columns:
            raise ValueError(f"cannot group by {f!r}: not a column of analysis.articles")
    t = analysis.actors
    if "role" not in t.columns or t["role"].isna().all():
        raise ValueError(NO_ROLES)
    ok = arts[arts["status"] == STATUS_OK]
    keys = ok[["doc", by] + ([within] if within and within != by else [])].copy()
    keys = keys.rename(columns={by: "_by"})
    if within:
        keys["_within"] = ok[within].to_numpy()
    keep = t["role"].notna()
    if actors is not None:
        keep &= t["actor"].isin(list(actors))
    t = t.loc[keep, ["doc", "actor", "role"]].merge(keys, on="doc")
    return t[t["_by"].notna()]


def role_shares(analysis: Analysis, by: str = "outlet", *, actors: Sequence[str] | None = None,
                roles: Sequence[str] = MAIN_ROLES, n_boot: int = 1000, confidence: float = 0.95,
                random_state: int = 0) -> pd.DataFrame:
    """The share of each group's articles mentioning an actor that cast it in each role.

    Parameters
    ----------
    analysis : Analysis
        From ``corpus.analyze()`` with the ``roles`` step.
    by : str, default "outlet"
    actors : list of str, optional
        Default: every actor the role step scored in at least two articles.
    roles : list of str
    n_boot, confidence, random_state
        Percentile bootstrap over the group's articles that mention the actor (seeded).

    Returns
    -------
    DataFrame
        ``<by>, actor, role, share, ci_low, ci_high, n_articles`` (NaN interval when fewer
        than two articles mention the actor).

    Examples
    --------
    >>> from framing.datasets import load_sample, load_sample_actors
    >>> analysis = load_sample().analyze(actors=load_sample_actors(), progress=False)
    >>> t = role_shares(analysis, actors=["Russia"], n_boot=200)
    >>> list(t.columns)
    ['outlet', 'actor', 'role', 'share', 'ci_low', 'ci_high', 'n_articles']
    """
    t = _scored(analysis, by, None)
    if actors is None:
        counts = t.groupby("actor").size()
        actors = sorted(counts[counts >= 2].index.tolist())
    rng = np.random.default_rng(random_state)
    rows = []
    for actor in actors:
        ta = t[t["actor"] == actor]
        for g, tg in sorted(ta.groupby("_by"), key=lambda x: str(x[0])):
            n = len(tg)
            hits = np.column_stack([(tg["role"] == r).to_numpy(float) for r in roles])
            share = hits.mean(axis=0)
            if n >= 2:
                w = rng.multinomial(n, np.full(n, 1.0 / n), size=n_boot).astype(float)
                lo, hi = _interval((w @ hits) / n, confidence)
            else:
                lo = hi = np.full(len(roles), np.nan)
            for j, r in enumerate(roles):
                rows.append({by: g, "actor": actor, "role": r, "share": share[j],
                             "ci_low": lo[j], "ci_high": hi[j], "n_articles": n})
    return pd.DataFrame(rows, columns=[by, *SHARE_COLUMNS[1:]])


def role_differences(analysis: Analysis, by: str = "outlet", within: str = "story", *,
                     actors: Sequence[str] | None = None, roles: Sequence[str] = MAIN_ROLES,
                     n_boot: int = 1000, n_perm: int = 1000, confidence: float = 0.95,
                     random_state: int = 0) -> pd.DataFrame:
    """Within-story differences between groups in how often they cast an actor in a role.

    For each pair of groups (``a`` < ``b``), actor and role: the share of ``a``'s articles
    casting the actor in the role minus ``b``'s, computed in each story where both groups
    mention the actor, averaged over those stories; interval by bootstrap over the stories,
    p-value by the paired sign-flip permutation test (exact with few stories).

    Each pair of groups draws one resample of its stories (those where both groups mention
    one of the actors) and one set of sign patterns, shared by all its actors, as
    :func:`framing.compare` shares one draw across its metrics and actors. An actor's
    bootstrap replicate is then a ratio of resampled sums: the resampled sum of its
    per-story differences over the resampled count of its stories (replicates that draw none
    of its stories are left out), so the number of its stories varies from resample to
    resample as it would in a new sample of the pair's stories. Its permutation statistic
    flips the signs of its stories in the shared patterns; with 2**stories <= ``n_perm`` it
    gets the exact test over every sign pattern of its own stories instead.

    Returns
    -------
    DataFrame
        ``<by>_a, <by>_b, actor, role, difference, ci_low, ci_high, p_value, n_stories``.

    Examples
    --------
    >>> from framing.datasets import load_sample, load_sample_actors
    >>> analysis = load_sample().analyze(actors=load_sample_actors(), progress=False)
    >>> d = role_differences(analysis, actors=["Russia"], n_boot=200, n_perm=200)
    >>> list(d.columns)  # doctest: +NORMALIZE_WHITESPACE
    ['outlet_a', 'outlet_b', 'actor', 'role', 'difference', 'ci_low', 'ci_high', 'p_value',
     'n_stories']
    """
    t = _scored(analysis, by, within, actors)
    t = t[t["_within"].notna()]
    if actors is None:
        counts = t.groupby("actor").size()
        actors = sorted(counts[counts >= 2].index.tolist())
    rng = np.random.default_rng(random_state)
    groups = sorted(t["_by"].astype(str).unique().tolist())
    roles = list(roles)
    t = t[t["actor"].isin(list(actors))]
    # the share of each (actor, story, group) cell's articles casting the actor in each role
    hits = pd.DataFrame({r: (t["role"] == r).to_numpy(float) for r in roles})
    hits["actor"] = t["actor"].to_numpy()
    hits["_within"] = t["_within"].astype(str).to_numpy()
    hits["_by"] = t["_by"].astype(str).to_numpy()
    cells = hits.groupby(["actor", "_within", "_by"], sort=True)[roles].mean()
    cell_actor = cells.index.get_level_values("actor").to_numpy()
    cell_story = pd.factorize(cells.index.get_level_values("_within"), sort=True)[0]
    cell_group = pd.Categorical(cells.index.get_level_values("_by").astype(str),
                                categories=groups).codes.astype(np.intp)
    values = cells.to_numpy(float)
    n_pairs = len(groups) * (len(groups) - 1) // 2
    pair_a = np.repeat(np.arange(len(groups)), np.arange(len(groups) - 1, -1, -1))
    pair_b = np.concatenate([np.arange(a + 1, len(groups)) for a in range(len(groups))])
    # the per-story differences of each actor and pair of groups, gathered by pair
    by_pair: dict[int, list[tuple[int, np.ndarray, np.ndarray]]] = {}
    for i, actor in enumerate(actors):
        mine = np.flatnonzero(cell_actor == actor)  # consecutive, by story and then group
        if not len(mine):
            continue
        vals = values[mine]
        story = cell_story[mine]
        # the pairs of groups that share a story mentioning the actor, stories in order
        pair_of, left, right = _pairs_in_stories(story, cell_group[mine], len(groups))
        bounds = np.searchsorted(pair_of, np.arange(n_pairs + 1))
        for p in np.flatnonzero(np.diff(bounds)).tolist():
            at = slice(bounds[p], bounds[p + 1])
            by_pair.setdefault(p, []).append(
                (i, story[left[at]], vals[left[at]] - vals[right[at]]))
    # one story resample and one sign pattern per pair of groups, shared by its actors
    found: dict[tuple[int, int], tuple] = {}
    for p in sorted(by_pair):
        parts = by_pair[p]
        stats = _paired([(s, d) for _, s, d in parts], rng, n_boot, n_perm, confidence)
        for (i, _, d), st in zip(parts, stats):
            found[(i, p)] = (*st, len(d))
    out: dict[str, list] = {c: [] for c in ("a", "b", "actor", "role", "difference", "ci_low",
                                            "ci_high", "p_value", "n_stories")}
    for (i, p) in sorted(found):  # actor by actor, pairs in order
        obs, lo, hi, pv, k = found[(i, p)]
        out["a"] += [groups[pair_a[p]]] * len(roles)
        out["b"] += [groups[pair_b[p]]] * len(roles)
        out["actor"] += [actors[i]] * len(roles)
        out["role"] += roles
        for key, v in (("difference", obs), ("ci_low", lo), ("ci_high", hi), ("p_value", pv)):
            out[key] += v.tolist()
        out["n_stories"] += [k] * len(roles)
    cols = [f"{by}_a", f"{by}_b", "actor", "role", "difference", "ci_low", "ci_high", "p_value",
            "n_stories"]
    return pd.DataFrame({c: out[k] for c, k in zip(cols, out)}, columns=cols)


def _paired(parts: list[tuple[np.ndarray, np.ndarray]], rng, n_boot: int, n_perm: int,
            confidence: float) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """Mean of the per-story differences, its bootstrap interval over stories and the
    sign-flip permutation p-value, for the actors of one pair of groups: one draw of
    resampled stories and one of sign patterns over the pair's stories serve every actor,
    as in :func:`framing.compare`'s within-story differences.

    ``parts`` holds, per actor, the codes of its stories (sorted, distinct) and its
    per-story differences (stories x roles). An actor's bootstrap replicate is the resampled
    sum of its differences over the resampled count of its stories (replicates that draw
    none of them are left out); one with a single story gets no interval. Its permutation
    statistic flips the signs of its stories in the shared pattern; an actor with
    2**stories <= ``n_perm`` gets the exact test over every sign pattern of its own stories.
    Returns ``(difference, ci_low, ci_high, p_value)`` per actor, a value per role.
    """
    stories = np.unique(np.concatenate([s for s, _ in parts]))
    width = parts[0][1].shape[1]
    k = np.array([len(s) for s, _ in parts])
    d0 = np.zeros((len(stories), len(parts) * width))
    mask = np.zeros(d0.shape, bool)
    for j, (s, d) in enumerate(parts):
        rows = np.searchsorted(stories, s)
        d0[rows, j * width:(j + 1) * width] = d
        mask[rows, j * width:(j + 1) * width] = True
    kcol = np.repeat(k, width)
    obs = np.concatenate([d.mean(axis=0) for _, d in parts])
    lo, hi, pv = np.full(len(obs), np.nan), np.full(len(obs), np.nan), np.full(len(obs), np.nan)
    boot = np.flatnonzero(kcol >= 2)
    if len(boot):
        lo[boot], hi[boot] = _interval(_boot_means(rng, d0[:, boot], mask[:, boot], n_boot),
                                       confidence)
    exact = [2 ** int(x) <= n_perm for x in k]
    drawn = np.flatnonzero(~np.repeat(exact, width))
    if len(drawn):  # then 2**stories > n_perm: drawn patterns
        signs, _ = _sign_patterns(rng, len(stories), n_perm)
        pv[drawn] = _p_value((signs @ d0[:, drawn]) / kcol[drawn], obs[drawn])
    for j in np.flatnonzero(exact).tolist():
        cols = slice(j * width, (j + 1) * width)
        d = parts[j][1]
        signs, _ = _sign_patterns(rng, len(d), n_perm)  # every pattern: draws nothing
        pv[cols] = _p_value((signs @ d) / len(d), obs[cols], True)
    return [(obs[j * width:(j + 1) * width], lo[j * width:(j + 1) * width],
             hi[j * width:(j + 1) * width], pv[j * width:(j + 1) * width])
            for j in range(len(parts))]
