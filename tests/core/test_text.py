import pytest

from core.text import clean_text


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("  张三  ", "张三"),
        ("张\t三\n丰", "张 三 丰"),
        ("张\u3000\u3000三", "张 三"),  # full-width spaces from a Chinese keyboard
        ("\r\n", ""),
        (None, ""),
        ("", ""),
        (12, "12"),
    ],
)
def test_clean_text_keeps_one_line_with_single_spaces(typed, kept):
    assert clean_text(typed) == kept


def test_clean_text_cuts_at_the_maximum_length_and_leaves_no_space_at_the_end():
    assert clean_text("一二三 四五六", max_length=4) == "一二三"
    assert clean_text("一二三四五六", max_length=4) == "一二三四"
    assert clean_text("一二", max_length=4) == "一二"
