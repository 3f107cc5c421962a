from core.bundle import load_bundle
from tests.hostile import CANONICAL_PAYLOADS, write_hostile_bundle


def test_the_hostile_bundle_is_a_valid_bundle(tmp_path):
    write_hostile_bundle(tmp_path / "hostile")
    bundle = load_bundle(tmp_path, "hostile")
    assert bundle.warnings == ()
    assert len(bundle.paragraphs) == len(CANONICAL_PAYLOADS)
    assert bundle.actors[1].name == f"Actor1 {CANONICAL_PAYLOADS[1]}"
