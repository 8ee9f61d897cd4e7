"""The county plan: townships, villages (普查区) with codes, names, sizes and roles.

Everything here is decided once, in the parent process, from the seed alone;
workers receive their ``VillagePlan`` and the shared ``names`` of all villages.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from renpu.synth import data
from renpu.synth.counties import QICHUN, County
from renpu.synth.ids import MAX_VILLAGES

_AVERAGE_VILLAGE = 1800


@dataclass(frozen=True)
class VillagePlan:
    index: int  # 0 … < 500: also the ID-number slot of the village
    code: str
    name: str
    township_code: str
    township_name: str
    target: int  # persons to list
    groups: int
    community: bool  # 居委会 rather than 村委会
    seat: bool  # the township's first unit: care home, worksite
    schools: tuple[str, ...] = ()
    river: bool = False
    railway: bool = False
    lon: float = 115.43
    lat: float = 30.23
    neighbours: tuple[str, ...] = field(default=())  # other village codes of the township
    county: County = QICHUN

    @property
    def hub(self) -> bool:
        return bool(self.schools)

    @property
    def quasi(self) -> bool:
        return int(self.township_code[6:9]) >= 400


def plan_county(persons: int, seed: int, county: County = QICHUN) -> list[VillagePlan]:
    rng = random.Random(f"plan:{seed}")
    count = min(MAX_VILLAGES, max(3, round(persons / _AVERAGE_VILLAGE)))
    per_township = _allocate(count, county)
    sizes = _sizes(rng, persons, per_township, county)
    villages: list[VillagePlan] = []
    for (township_code, township_name, _), n in zip(county.townships, per_township, strict=True):
        villages.extend(_township(rng, township_code, township_name, sizes[len(villages) : len(villages) + n],
                                  len(villages), county))
    return _with_schools(_with_neighbours(villages))


def _allocate(count: int, county: County) -> list[int]:
    """Villages per township by largest remainder; the county seat gets the first."""
    weights = [weight for _, _, weight in county.townships]
    total = sum(weights)
    raw = [count * w / total for w in weights]
    counts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - counts[i]), i))
    for i in order[: count - sum(counts)]:
        counts[i] += 1
    if counts[0] == 0:
        counts[0], counts[counts.index(max(counts))] = 1, max(counts) - 1
    return counts


def _sizes(rng: random.Random, persons: int, per_township: list[int], county: County) -> list[int]:
    quasi = [int(code[6:9]) >= 400 for code, _, _ in county.townships]
    raw: list[float] = []
    for n, is_quasi in zip(per_township, quasi, strict=True):
        raw.extend(rng.uniform(0.35, 0.6) if is_quasi else rng.triangular(0.7, 1.35, 1.0) for _ in range(n))
    scale = persons / sum(raw)
    return [max(30, round(r * scale)) for r in raw]


def _township(
    rng: random.Random, code: str, name: str, sizes: list[int], first_index: int, county: County
) -> list[VillagePlan]:
    n = len(sizes)
    is_quasi = int(code[6:9]) >= 400
    seat = name == (county.townships[0][1] if county.wild else "漕河镇")
    communities = 0 if is_quasi or n == 0 else max(1 if n >= 3 or seat else 0, round(n * (0.35 if seat else 0.08)))
    if county.wild and int(code[6:9]) < 100:  # a 街道 has residents' committees only
        communities = n
    used: set[str] = set()
    lon0, lat0 = 115.15 + rng.random() * 0.55, 29.95 + rng.random() * 0.55
    plans = []
    for i, size in enumerate(sizes):
        community = i < communities
        number = i + 1 if community else (200 + i - communities + 1) if not is_quasi else 400 + i + 1
        vname = _village_name(rng, community, is_quasi, name, used)
        plans.append(
            VillagePlan(
                index=first_index + i,
                code=f"{code}{number:03d}",
                name=vname,
                township_code=code,
                township_name=name,
                target=size,
                groups=_groups(rng, size, community),
                community=community,
                seat=i == 0,
                river=name in county.river_towns and rng.random() < 0.5,
                railway=name in county.railway_towns and rng.random() < 0.25,
                lon=round(lon0 + rng.uniform(-0.06, 0.06), 6),
                lat=round(lat0 + rng.uniform(-0.05, 0.05), 6),
                county=county,
            )
        )
    return plans


def _groups(rng: random.Random, size: int, community: bool) -> int:
    return max(3, min(15, round(size / rng.uniform(150, 260)) + (0 if community else 1)))


def _village_name(rng: random.Random, community: bool, quasi: bool, township: str, used: set[str]) -> str:
    for _ in range(200):
        if community:
            candidate = rng.choice(data.COMMUNITY_NAMES) + rng.choice(("", "", "街", "路", "湖", "苑")) + "社区"
        elif quasi:
            candidate = rng.choice(data.VILLAGE_PREFIXES) + rng.choice(("分场", "工区", "作业区", "居民点"))
        elif rng.random() < 0.55:
            from renpu.synth.names import surname

            family = surname(rng)
            candidate = family + ("家" if len(family) == 1 and rng.random() < 0.6 else "") + rng.choice(data.VILLAGE_SUFFIXES) + "村"
        else:
            candidate = rng.choice(data.VILLAGE_PREFIXES) + rng.choice(("", "", *data.VILLAGE_SUFFIXES)) + "村"
        if any(a == b for a, b in zip(candidate, candidate[1:], strict=False)):
            continue
        if candidate not in used:
            used.add(candidate)
            return candidate
    raise RuntimeError(f"ran out of village names in {township}")


def _with_neighbours(villages: list[VillagePlan]) -> list[VillagePlan]:
    by_township: dict[str, list[str]] = {}
    for v in villages:
        by_township.setdefault(v.township_code, []).append(v.code)
    return [_replace(v, neighbours=tuple(c for c in by_township[v.township_code] if c != v.code)) for v in villages]


def _with_schools(villages: list[VillagePlan]) -> list[VillagePlan]:
    """Senior high schools sit in town-seat communities (at least one per county)."""
    communities = [v for v in villages if v.community]
    firsts = [v for v in communities if v.seat]
    hosts = firsts + [v for v in communities if not v.seat] or villages[:1]
    schools: dict[str, list[str]] = {}
    for i, school in enumerate(data.SENIOR_HIGH_SCHOOLS[: max(1, min(len(data.SENIOR_HIGH_SCHOOLS), len(villages) // 12))]):
        schools.setdefault(hosts[i % len(hosts)].code, []).append(villages[0].county.local_name(school))
    return [_replace(v, schools=tuple(schools.get(v.code, ()))) for v in villages]


def _replace(plan: VillagePlan, **changes: object) -> VillagePlan:
    from dataclasses import replace

    return replace(plan, **changes)  # type: ignore[arg-type]


def school_for(home: VillagePlan, schools: list[str]) -> str:
    """The school a senior-high student from ``home`` attends: the home's own, else by township."""
    if home.schools:
        return home.schools[0]
    return schools[(int(home.township_code[6:9]) + home.index) % len(schools)]
