"""Face detection and embedding backends, offline only.

Why a backend seam: the dlib models shipped on PyPI are what runs everywhere
without a download, but an agency may hold a stronger ArcFace-class ONNX
model. Everything above this module sees only boxes and vectors, so swapping
the embedder is one constructor argument, and the index/thresholds are keyed
by the backend ``name`` so vectors of different models are never compared.

Only dlib's HOG detector, its 5-point landmark model and its ResNet encoder are
ever loaded. The 68-point model in the same package is non-commercial (iBUG
300-W) and must never be loaded.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

#: A face box as (left, top, right, bottom) in pixels of the image it was found in.
Box = tuple[int, int, int, int]


@dataclass(slots=True)
class Face:
    """One face found in one image.

    ``quality`` in 0..1 says how much a match on this face should be trusted
    (size, sharpness, frontal pose); ``embedding`` is None when the face was too
    small or blurred to match reliably; ``age`` is an apparent-age estimate for
    triage only, never proof of age.
    """

    box: Box
    score: float
    quality: float
    embedding: np.ndarray | None = None
    age: float | None = None


@runtime_checkable
class FaceEmbedder(Protocol):
    """Turns a face box in an RGB image into a vector."""

    name: str
    dim: int
    metric: str  # "l2" on the raw vectors

    def embed(self, rgb: np.ndarray, box: Box) -> np.ndarray: ...


@runtime_checkable
class FaceBackend(FaceEmbedder, Protocol):
    """Finds faces and embeds them."""

    def detect(self, rgb: np.ndarray) -> list[tuple[Box, float]]: ...


def dlib_models_dir() -> Path:
    """Where ``face-recognition-models`` keeps its files, found without importing
    the package (its ``__init__`` needs the removed ``pkg_resources``)."""
    spec = importlib.util.find_spec("face_recognition_models")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("face-recognition-models is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "models"



@cache
def _dlib_models() -> tuple[Any, Any, Any]:
    """HOG detector, 5-point predictor, ResNet encoder: loaded once per process
    (about 2 s), shared by every DlibBackend."""
    import dlib

    folder = dlib_models_dir()
    hog = dlib.get_frontal_face_detector()
    sp5 = dlib.shape_predictor(str(folder / "shape_predictor_5_face_landmarks.dat"))
    rec = dlib.face_recognition_model_v1(str(folder / "dlib_face_recognition_resnet_model_v1.dat"))
    return hog, sp5, rec


def _rect(box: Box) -> Any:
    import dlib

    return dlib.rectangle(*(int(v) for v in box))


class DlibBackend:
    """dlib HOG detection + 5-point alignment + ResNet 128-d embeddings.

    ``upsample`` 0 finds faces down to ~80 px in the image given, 1 down to ~40 px
    at ~4× the cost; default from thresholds.yaml (``detection.upsample``).
    ``embedder`` replaces the ResNet encoder (e.g. an :class:`OnnxEmbedder`).
    """

    metric = "l2"

    def __init__(self, upsample: int | None = None, embedder: FaceEmbedder | None = None) -> None:
        from threadline.faces import settings

        self.upsample = settings.detection().upsample if upsample is None else upsample
        self.embedder = embedder
        self.name = embedder.name if embedder else "dlib-resnet-v1"
        self.dim = embedder.dim if embedder else 128

    def detect(self, rgb: np.ndarray) -> list[tuple[Box, float]]:
        hog, _, _ = _dlib_models()
        rects, scores, _ = hog.run(np.ascontiguousarray(rgb), self.upsample, 0.0)
        return [
            ((r.left(), r.top(), r.right(), r.bottom()), float(s))
            for r, s in zip(rects, scores, strict=True)
        ]

    def landmarks(self, rgb: np.ndarray, box: Box) -> np.ndarray:
        """The 5 points (eye corners ×4, nose base) as a (5, 2) array."""
        _, sp5, _ = _dlib_models()
        shape = sp5(np.ascontiguousarray(rgb), _rect(box))
        return np.array([(p.x, p.y) for p in shape.parts()], dtype=np.float32)

    def embed(self, rgb: np.ndarray, box: Box) -> np.ndarray:
        if self.embedder is not None:
            return self.embedder.embed(rgb, box)
        _, sp5, rec = _dlib_models()
        image = np.ascontiguousarray(rgb)
        shape = sp5(image, _rect(box))
        return np.asarray(rec.compute_face_descriptor(image, shape, 0), dtype=np.float32)


class OnnxEmbedder:
    """An ArcFace-class ONNX model supplied by the user (never downloaded).

    Expects one input of shape (N, 3, 112, 112) RGB normalised to [-1, 1]
    (``(x - 127.5) / 127.5``, the insightface convention) and returns one vector
    per face, which we L2-normalise so that L2 distance and cosine agree.
    The crop is a square around the detector box with a margin, which is rougher
    than 5-point alignment: re-measure thresholds for any model you plug in.
    """

    metric = "l2"
    size = 112

    def __init__(self, path: str | os.PathLike[str], name: str | None = None,
                 margin: float = 0.2) -> None:
        import onnxruntime as ort

        self.path = Path(path)
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            str(self.path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        inputs, outputs = self.session.get_inputs(), self.session.get_outputs()
        if len(inputs) != 1:
            raise ValueError(f"{self.path}: expected one input, found {len(inputs)}")
        shape = inputs[0].shape
        if list(shape[1:]) != [3, self.size, self.size]:
            raise ValueError(f"{self.path}: input shape {shape}, expected [N, 3, 112, 112]")
        out_dim = outputs[0].shape[-1]
        if not isinstance(out_dim, int):
            raise ValueError(f"{self.path}: output dimension is not fixed ({outputs[0].shape})")
        self.input_name = inputs[0].name
        self.dim = out_dim
        self.margin = margin
        self.name = name or f"onnx:{self.path.stem}"

    def preprocess(self, rgb: np.ndarray, box: Box) -> np.ndarray:
        """Square crop with margin, resized to 112×112, as a (1, 3, 112, 112) tensor."""
        from PIL import Image

        left, top, right, bottom = box
        side = max(right - left, bottom - top) * (1 + 2 * self.margin)
        cx, cy = (left + right) / 2, (top + bottom) / 2
        crop = (int(cx - side / 2), int(cy - side / 2), int(cx + side / 2), int(cy + side / 2))
        chip = Image.fromarray(np.ascontiguousarray(rgb)).crop(crop)
        chip = chip.resize((self.size, self.size), Image.Resampling.BILINEAR)
        x = (np.asarray(chip, dtype=np.float32) - 127.5) / 127.5
        return np.ascontiguousarray(x.transpose(2, 0, 1)[None])

    def embed(self, rgb: np.ndarray, box: Box) -> np.ndarray:
        out = self.session.run(None, {self.input_name: self.preprocess(rgb, box)})[0]
        vec = np.asarray(out, dtype=np.float32).reshape(-1)
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm > 0 else vec
