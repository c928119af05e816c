"""The learned reranker: a weighted sum of search.features, loaded once at start-up.

Its weights, the depth it reranks and the question-boilerplate table are in
search/reranker_model.json, written by `bench/cross_validation.py fit --write-model`
(a pairwise logistic regression over the dev questions' candidates). Inference is
a dot product in plain Python, identical on every backend.
"""

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from search.features import FEATURES, Boilerplate

MODEL_PATH = Path(__file__).with_name("reranker_model.json")


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]  # feature name → weight; features not named weigh 0
    depth: int  # how many of the engine's best matches are reranked
    boilerplate: Boilerplate

    def score(self, values: list[float]) -> float:
        return sum(
            self.weights.get(name, 0.0) * value
            for name, value in zip(FEATURES, values, strict=True)
        )

    @classmethod
    def from_dict(cls, saved: dict) -> "Model":
        unknown = set(saved["weights"]) - set(FEATURES)
        if unknown:
            raise ValueError(f"reranker model names unknown features: {sorted(unknown)}")
        return cls(
            weights={name: float(value) for name, value in saved["weights"].items()},
            depth=int(saved["depth"]),
            boilerplate=Boilerplate(
                {term: float(share) for term, share in saved["boilerplate"].items()},
                float(saved["boilerplate_floor"]),
            ),
        )


@functools.cache
def model() -> Model:
    return Model.from_dict(json.loads(MODEL_PATH.read_text(encoding="utf-8")))
