"""The one error root: statuses the API maps to, messages with their hint, long input cut."""

from __future__ import annotations

import pytest

from kcbridge.errors import (
    FIELD_LIMIT,
    MESSAGE_LIMIT,
    AuthError,
    ConfigError,
    FetchError,
    InputError,
    InternalError,
    KcbridgeError,
    NotFoundError,
    StoreBusyError,
    StoreError,
    clip,
    shorten,
)


@pytest.mark.parametrize(
    "cls,status",
    [
        (KcbridgeError, 400),
        (ConfigError, 500),
        (InputError, 422),
        (NotFoundError, 404),
        (AuthError, 401),
        (StoreError, 500),
        (StoreBusyError, 503),
        (FetchError, 502),
        (InternalError, 500),
    ],
)
def test_each_error_class_has_the_status_the_api_answers_with(
    cls: type[KcbridgeError], status: int
) -> None:
    error = cls("something went wrong.", hint="Do this.")
    assert error.status == status
    assert isinstance(error, KcbridgeError)


def test_a_busy_store_is_caught_as_a_store_error() -> None:
    # `except StoreError` in the CLI and API must also see the busy store
    with pytest.raises(StoreError) as info:
        raise StoreBusyError("The store is in use.", hint="Wait for the load to finish.")
    assert info.value.status == 503


def test_message_and_hint_are_joined_by_one_space() -> None:
    error = NotFoundError("No table trade_annual.", hint="Run `kcbridge demo` first.")
    assert str(error) == "No table trade_annual. Run `kcbridge demo` first."
    assert error.message == "No table trade_annual."
    assert error.hint == "Run `kcbridge demo` first."
    assert error.args == ("No table trade_annual. Run `kcbridge demo` first.",)


def test_without_a_hint_the_text_is_the_message_alone() -> None:
    error = InputError("Bad year 20x2.")
    assert str(error) == "Bad year 20x2."
    assert error.hint is None


def test_clip_keeps_short_values_and_cuts_long_ones_with_an_ellipsis() -> None:
    assert clip("KOR") == "KOR"
    assert clip(12345, limit=3) == "123…"
    exact = "x" * FIELD_LIMIT
    assert clip(exact) == exact
    assert clip(exact + "y") == exact + "…"


def test_shorten_cuts_each_long_run_of_non_blank_characters_only() -> None:
    blob = "A" * 500
    message = f"Column 'value' holds {blob} which is not a number."
    out = shorten(message)
    assert out == f"Column 'value' holds {'A' * FIELD_LIMIT}… which is not a number."
    # short words around the blob are untouched
    assert out.startswith("Column 'value' holds ")
    assert out.endswith(" which is not a number.")


def test_shorten_leaves_a_long_message_of_short_words_whole_up_to_the_message_limit() -> None:
    words = "word " * 100  # 500 characters, no run longer than 4
    assert shorten(words) == words
    huge = "word " * 1000  # 5000 characters
    out = shorten(huge)
    assert len(out) == MESSAGE_LIMIT + 1
    assert out.endswith("…")


def test_shorten_with_a_custom_limit() -> None:
    assert shorten("abcdefghij klm", limit=4) == "abcd… klm"


def test_errors_cut_long_echoed_input_in_message_and_hint() -> None:
    field = "9" * 2_000_000
    error = InputError(f"Bad value {field}.", hint=f"Fix {field}.")
    assert len(error.message) < 300
    assert len(error.hint or "") < 300
    assert "9" * FIELD_LIMIT + "…" in error.message


def test_replace_text_hides_a_server_path_in_message_hint_and_args() -> None:
    error = InputError(
        "File /tmp/upload-xyz/flows.csv has no header.",
        hint="Check /tmp/upload-xyz/flows.csv and load it again.",
    )
    error.replace_text("/tmp/upload-xyz/flows.csv", "flows.csv")
    assert error.message == "File flows.csv has no header."
    assert error.hint == "Check flows.csv and load it again."
    assert str(error) == "File flows.csv has no header. Check flows.csv and load it again."
    assert error.args == (str(error),)


def test_replace_text_with_an_empty_needle_changes_nothing() -> None:
    error = InputError("abc", hint="def")
    error.replace_text("", "X")
    assert str(error) == "abc def"


def test_replace_text_without_a_hint_keeps_it_none() -> None:
    error = FetchError("Download of /srv/a.zip failed.")
    error.replace_text("/srv/", "")
    assert error.message == "Download of a.zip failed."
    assert error.hint is None
