import pytest

from core.text import fold, fold_terms


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đông Sơn", "dong son"),
        ("ĐÔNG SƠN", "dong son"),
        ("dong son", "dong son"),
        ("Huyện Hà Trung", "huyen ha trung"),
        ("Nước mắm, cá  kho!", "nuoc mam ca kho"),
        ("Ỷ Lan – quả ổi", "y lan qua oi"),
        ("<script>alert(1)</script>", "script alert 1 script"),
        ("' OR 1=1 --", "or 1 1"),
        ("a\x00b", "a b"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_terms_are_distinct_and_bounded():
    assert fold_terms("Hà hà HA trung") == ["ha", "trung"]
    assert len(fold_terms(" ".join(f"w{i}" for i in range(50)))) == 8
    assert fold_terms("!!! ---") == []
