"""The ONNX embedder really loads a model and pre-processes faces."""

from __future__ import annotations

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from threadline.faces.backend import DlibBackend, OnnxEmbedder
from threadline.faces.detect import analyse_image

from .conftest import fixture_bytes

WEIGHTS = np.array([[1.0, 0.0, 2.0, -1.0, 0.5, 0.0, 0.0, 3.0],
                    [0.0, 1.0, -1.0, 0.0, 0.5, 2.0, 0.0, 0.0],
                    [0.0, 0.0, 1.0, 1.0, 0.5, 0.0, 4.0, -2.0]], dtype=np.float32)


def tiny_model(path, size: int = 112) -> None:
    """Global average pool over the 112×112 input, then a 3→8 linear layer."""
    nodes = [helper.make_node("GlobalAveragePool", ["input"], ["pooled"]),
             helper.make_node("Flatten", ["pooled"], ["flat"]),
             helper.make_node("MatMul", ["flat", "W"], ["embedding"])]
    graph = helper.make_graph(
        nodes, "tiny",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 3, size, size])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["N", 8])],
        initializer=[numpy_helper.from_array(WEIGHTS, "W")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.save(model, str(path))


def test_loads_and_returns_l2_normalised_vectors(tmp_path):
    tiny_model(tmp_path / "arc.onnx")
    emb = OnnxEmbedder(tmp_path / "arc.onnx")
    assert emb.dim == 8 and emb.name == "onnx:arc"
    rgb = np.zeros((200, 200, 3), dtype=np.uint8)
    rgb[..., 0] = 255  # pure red: normalised channels are (1, -1, -1)
    vec = emb.embed(rgb, (50, 50, 150, 150))
    expected = np.array([1.0, -1.0, -1.0], dtype=np.float32) @ WEIGHTS
    assert np.linalg.norm(vec) == pytest.approx(1.0, abs=1e-5)
    np.testing.assert_allclose(vec, expected / np.linalg.norm(expected), atol=1e-4)


def test_preprocess_is_a_112_square_crop_in_minus_one_to_one(tmp_path):
    tiny_model(tmp_path / "arc.onnx")
    x = OnnxEmbedder(tmp_path / "arc.onnx").preprocess(
        np.full((300, 200, 3), 255, np.uint8), (20, 30, 120, 180))
    assert x.shape == (1, 3, 112, 112) and x.dtype == np.float32
    assert x.max() == pytest.approx(1.0) and x.min() >= -1.0


def test_wrong_input_size_is_refused(tmp_path):
    tiny_model(tmp_path / "bad.onnx", size=64)
    with pytest.raises(ValueError, match="112"):
        OnnxEmbedder(tmp_path / "bad.onnx")


def test_plugs_into_the_dlib_detector(tmp_path):
    tiny_model(tmp_path / "arc.onnx")
    backend = DlibBackend(embedder=OnnxEmbedder(tmp_path / "arc.onnx"))
    faces = analyse_image(fixture_bytes("obama"), backend)
    assert backend.name == "onnx:arc" and backend.dim == 8
    assert len(faces) == 1 and faces[0].embedding.shape == (8,)
