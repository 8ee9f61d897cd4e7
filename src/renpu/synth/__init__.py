"""renpu.synth: a seeded synthetic Qichun county, written as real users receive it, with its truth.

    from renpu.synth import generate
    summary = generate(Path("out"), persons=20_000, seed=1)

Same seed and persons ⇒ byte-identical files.  See README.txt in the output.
"""

from __future__ import annotations

from renpu.synth.county import SynthSummary, generate

__all__ = ["SynthSummary", "generate"]
