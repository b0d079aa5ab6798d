"""The search query language: parsing, errors with positions, normal form, FTS5 rendering."""

import random
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from omnidesk.core.enums import CaseStatus, Channel
from omnidesk.core.errors import InvalidInput
from omnidesk.core.ids import CaseNumber
from omnidesk.core.query import (
    AnyFilter,
    AnyTerm,
    CaseFilter,
    ChannelFilter,
    DateFilter,
    Field,
    HasFilter,
    HasValue,
    IsFilter,
    IsValue,
    OwnerFilter,
    OwnerKeyword,
    Query,
    QuerySyntaxError,
    StatusFilter,
    Term,
    TextFilter,
    parse_query,
    to_fts5_exclusion,
    to_fts5_match,
)

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 27, 11, 0, tzinfo=BERLIN)  # Friday


def parse(text: str) -> Query:
    return parse_query(text, now=NOW, tz=BERLIN)


def syntax_error(text: str) -> QuerySyntaxError:
    with pytest.raises(QuerySyntaxError) as caught:
        parse(text)
    return caught.value


# --- words, phrases, prefixes, exclusions, OR -----------------------------------------------


def test_free_words() -> None:
    assert parse("refund invoice").items == (Term("refund"), Term("invoice"))


def test_phrase_prefix_and_exclusion() -> None:
    assert parse('"order 42" rout* -spam').items == (
        Term("order 42", phrase=True),
        Term("rout", prefix=True),
        Term("spam", negated=True),
    )


def test_excluded_phrase() -> None:
    assert parse('-"out of office"').items == (Term("out of office", phrase=True, negated=True),)


def test_phrase_whitespace_is_normalised() -> None:
    assert parse('"order   42\t now"').items == (Term("order 42 now", phrase=True),)


def test_or_binds_tighter_than_and() -> None:
    assert parse("a b OR c d").items == (
        Term("a"),
        AnyTerm((Term("b"), Term("c"))),
        Term("d"),
    )


def test_or_chain_and_any_case() -> None:
    assert parse("refund or Rückgabe Or return*").items == (
        AnyTerm((Term("refund"), Term("Rückgabe"), Term("return", prefix=True))),
    )


def test_explicit_and_changes_nothing() -> None:
    assert parse("refund AND invoice") == parse("refund invoice")


def test_quoted_or_is_a_word() -> None:
    assert parse('"OR" x').items == (Term("OR", phrase=True), Term("x"))


def test_german_umlauts_and_eszett() -> None:
    query = parse("Rückerstattung Größe straße")
    assert [t.text for t in query.terms if isinstance(t, Term)] == [
        "Rückerstattung",
        "Größe",
        "straße",
    ]


def test_decomposed_umlauts_are_normalised() -> None:
    assert parse("Mu\u0308ller").items == (Term("Müller"),)


def test_words_with_colons_that_are_not_fields() -> None:
    assert parse("10:30 https://example.com/a").items == (
        Term("10:30"),
        Term("https://example.com/a"),
    )


def test_special_characters_stay_in_words() -> None:
    assert parse("C# c++ e-mail").items == (Term("C#"), Term("c++"), Term("e-mail"))


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty_query_matches_everything(text: str) -> None:
    query = parse(text)
    assert query.is_empty
    assert query.terms == ()
    assert query.filters == ()
    assert str(query) == ""


# --- fields ---------------------------------------------------------------------------------


def test_text_fields() -> None:
    assert parse("from:anna@example.com to:support@shop.de customer:Müller tag:vip").items == (
        TextFilter(Field.FROM, "anna@example.com"),
        TextFilter(Field.TO, "support@shop.de"),
        TextFilter(Field.CUSTOMER, "Müller"),
        TextFilter(Field.TAG, "vip"),
    )


def test_quoted_field_value() -> None:
    assert parse('subject:"order 42" customer:"Anna  Müller"').items == (
        TextFilter(Field.SUBJECT, "order 42"),
        TextFilter(Field.CUSTOMER, "Anna Müller"),
    )


def test_field_names_are_case_insensitive() -> None:
    assert parse("FROM:Anna Status:Open CHANNEL:Chat").items == (
        TextFilter(Field.FROM, "Anna"),
        StatusFilter(CaseStatus.OPEN),
        ChannelFilter(Channel.CHAT),
    )


def test_owner_keywords_stay_symbolic() -> None:
    assert parse("owner:me owner:NONE owner:anna").items == (
        OwnerFilter(OwnerKeyword.ME),
        OwnerFilter(OwnerKeyword.NONE),
        OwnerFilter("anna"),
    )


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("status:new", CaseStatus.NEW),
        ("status:open", CaseStatus.OPEN),
        ("status:waiting", CaseStatus.WAITING_ON_CUSTOMER),
        ("status:waiting-on-customer", CaseStatus.WAITING_ON_CUSTOMER),
        ("status:RESOLVED", CaseStatus.RESOLVED),
    ],
)
def test_status_values(text: str, status: CaseStatus) -> None:
    assert parse(text).items == (StatusFilter(status),)


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("channel:email", Channel.EMAIL),
        ("channel:mail", Channel.EMAIL),
        ("channel:form", Channel.FORM),
        ("channel:chat", Channel.CHAT),
        ("channel:phone", Channel.PHONE),
        ("channel:note", Channel.NOTE),
    ],
)
def test_channel_values(text: str, channel: Channel) -> None:
    assert parse(text).items == (ChannelFilter(channel),)


def test_has_and_is() -> None:
    assert parse("has:attachment has:attachments is:unassigned is:Overdue").items == (
        HasFilter(HasValue.ATTACHMENT),
        HasFilter(HasValue.ATTACHMENT),
        IsFilter(IsValue.UNASSIGNED),
        IsFilter(IsValue.OVERDUE),
    )


def test_case_number() -> None:
    assert parse("#1042 -#7").items == (
        CaseFilter(CaseNumber(1042)),
        CaseFilter(CaseNumber(7), negated=True),
    )


def test_negated_fields() -> None:
    assert parse("-status:resolved -tag:spam -from:noreply@x.de").items == (
        StatusFilter(CaseStatus.RESOLVED, negated=True),
        TextFilter(Field.TAG, "spam", negated=True),
        TextFilter(Field.FROM, "noreply@x.de", negated=True),
    )


def test_or_between_filters_may_include_exclusions() -> None:
    assert parse("status:open OR status:waiting OR -tag:vip").items == (
        AnyFilter(
            (
                StatusFilter(CaseStatus.OPEN),
                StatusFilter(CaseStatus.WAITING_ON_CUSTOMER),
                TextFilter(Field.TAG, "vip", negated=True),
            )
        ),
    )


def test_terms_and_filters_are_split_for_the_store() -> None:
    query = parse('refund from:anna "order 42" OR invoice status:open -spam #1042')
    assert query.terms == (
        Term("refund"),
        AnyTerm((Term("order 42", phrase=True), Term("invoice"))),
        Term("spam", negated=True),
    )
    assert query.filters == (
        TextFilter(Field.FROM, "anna"),
        StatusFilter(CaseStatus.OPEN),
        CaseFilter(CaseNumber(1042)),
    )


# --- dates ----------------------------------------------------------------------------------


def date_filter(text: str) -> DateFilter:
    (item,) = parse(text).items
    assert isinstance(item, DateFilter)
    return item


def test_iso_date_means_start_of_that_day_in_local_time() -> None:
    item = date_filter("before:2026-12-01")
    assert item.field is Field.BEFORE
    assert item.at == datetime(2026, 11, 30, 23, 0, tzinfo=UTC)
    assert item.at.tzinfo is UTC


def test_summer_date_uses_summer_offset() -> None:
    assert date_filter("after:2026-07-01").at == datetime(2026, 6, 30, 22, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected_local"),
    [
        ("after:today", datetime(2026, 3, 27, 0, 0)),
        ("after:heute", datetime(2026, 3, 27, 0, 0)),
        ("before:yesterday", datetime(2026, 3, 26, 0, 0)),
        ("after:gestern", datetime(2026, 3, 26, 0, 0)),
        ("after:7d", datetime(2026, 3, 20, 11, 0)),
        ("after:2w", datetime(2026, 3, 13, 11, 0)),
        ("after:12h", datetime(2026, 3, 26, 23, 0)),
        ("before:1.12.2026", datetime(2026, 12, 1, 0, 0)),
        ("after:2026-12-01T10:30", datetime(2026, 12, 1, 10, 30)),
        ('after:"2026-12-01 10:30"', datetime(2026, 12, 1, 10, 30)),
    ],
)
def test_date_values(text: str, expected_local: datetime) -> None:
    assert date_filter(text).at.astimezone(BERLIN).replace(tzinfo=None) == expected_local


def test_relative_days_keep_wall_clock_across_dst() -> None:
    # Monday 30 March (CEST) minus 3 days is Friday 27 March (CET) at the same wall time.
    monday = datetime(2026, 3, 30, 11, 0, tzinfo=BERLIN)
    (item,) = parse_query("after:3d", now=monday, tz=BERLIN).items
    assert isinstance(item, DateFilter)
    assert item.at == datetime(2026, 3, 27, 10, 0, tzinfo=UTC)
    assert monday.astimezone(UTC) - item.at == timedelta(hours=71)


def test_relative_date_keeps_its_text_for_saved_searches() -> None:
    item = date_filter("after:7d")
    assert item.text == "7d"
    assert str(item) == "after:7d"


# --- errors with positions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "position", "fragment"),
    [
        ("frm:anna", 0, "unknown field 'frm:' at position 0 (did you mean from:?)"),
        ("refund stauts:open", 7, "unknown field 'stauts:' at position 7 (did you mean status:?)"),
        ("-ownr:me", 1, "did you mean owner:?"),
        ("Re:hello", 0, "unknown field 'Re:' at position 0; known fields: from:, to:"),
        ('a "order 42', 2, "unterminated quote starting at position 2"),
        ('refund order "42 lost', 13, "unterminated quote starting at position 13"),
        ('subject:"order 42', 8, "unterminated quote starting at position 8"),
        ("before:yesterdy", 7, "bad date 'yesterdy' for before: at position 7"),
        ("x after:2026-13-01", 8, "bad date '2026-13-01' for after: at position 8"),
        ("status:opn", 7, "unknown status 'opn' at position 7; choose one of: new, open"),
        ("channel:fax", 8, "unknown value 'fax' for channel: at position 8; use channel:email"),
        ("is:overdu", 3, "unknown value 'overdu' for is: at position 3 (did you mean is:overdue?)"),
        ("is:closed", 3, "use is:unassigned, is:overdue"),
        ("has:pdf", 4, "unknown value 'pdf' for has: at position 4; use has:attachment"),
        ("OR refund", 0, "'OR' at position 0 needs a word or filter before it"),
        ("refund or", 7, "'OR' at position 7 needs a word or filter after it"),
        ("a OR OR b", 5, "'OR' at position 5 follows 'OR'"),
        ("a AND OR b", 6, "'OR' at position 6 follows 'AND'"),
        ("AND", 0, "'AND' at position 0 needs a word or filter before it"),
        ("refund OR status:open", 7, "joins a word and a field filter"),
        ("status:open OR refund", 12, "joins a word and a field filter"),
        ("a OR -b", 5, "the excluded word at position 5 cannot be part of OR"),
        ("-a OR b", 0, "the excluded word at position 0 cannot be part of OR"),
        ("from:", 0, "missing value after from: at position 0"),
        ("x tag: vip", 2, "missing value after tag: at position 2"),
        ('subject:""', 8, "empty value for subject: at position 8"),
        ("refund -", 7, "'-' at position 7 must be followed by a word, phrase or field"),
        ("a - b", 2, "'-' at position 2 must be followed"),
        ("--spam", 0, "double '-' at position 0"),
        ("#abc", 0, "'#abc' at position 0 is not a case number"),
        ("x #", 2, "'#' at position 2 is not a case number"),
        ("x &", 2, "'&' at position 2 has no letters or digits to search for"),
        ('x ""', 2, "nothing to search for in the quotes at position 2"),
        ('"  !! "', 0, "nothing to search for in the quotes at position 0"),
        ("r*", 0, "prefix 'r*' at position 0 is too short"),
        ("ab *", 3, "'*' at position 3 has no letters or digits"),
    ],
)
def test_bad_syntax_reports_the_position(text: str, position: int, fragment: str) -> None:
    error = syntax_error(text)
    assert error.position == position
    assert fragment in str(error)


def test_syntax_errors_are_invalid_input() -> None:
    error = syntax_error("frm:x")
    assert isinstance(error, InvalidInput)
    assert error.exit_code == InvalidInput.exit_code
    assert "\n" not in str(error)


def test_overlong_query_is_refused() -> None:
    error = syntax_error("a " * 600)
    assert "longer than 1000 characters" in str(error)


# --- normal form ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("  refund   invoice ", "refund invoice"),
        ("FROM:Anna Status:Open", "from:Anna status:open"),
        ("a or b", "a OR b"),
        ("a AND b", "a b"),
        ("status:waiting", "status:waiting_on_customer"),
        ("channel:mail has:attachments", "channel:email has:attachment"),
        ("owner:ME is:Overdue", "owner:me is:overdue"),
        ('subject:"order   42"', 'subject:"order 42"'),
        ("rout** -Spam", "rout* -Spam"),
        ("AFTER:7D", "after:7D"),
    ],
)
def test_describe_renders_normal_form(text: str, normal: str) -> None:
    assert parse(text).describe() == normal
    assert str(parse(text)) == normal


@pytest.mark.parametrize(
    "text",
    [
        'refund "order 42" rout* -spam from:anna@example.com status:open OR status:waiting',
        'owner:me is:overdue has:attachment after:7d #1042 subject:"Lieferung verspätet"',
        '-status:resolved -"out of office" customer:"Anna Müller" OR customer:Meier',
        "a b OR c OR d e -#1001 before:2026-12-01 after:today",
        '"OR" -OR x channel:chat OR channel:form tag:vip OR -tag:spam',
        "https://example.com/x 10:30 C# Größe",
        'after:"2026-12-01 10:30" before:2026-12-01T18:00',
    ],
)
def test_normal_form_parses_back_to_the_same_query(text: str) -> None:
    query = parse(text)
    assert parse(query.describe()) == query


# --- FTS5 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("refund", '"refund"'),
        ("rout*", '"rout"*'),
        ('"order 42"', '"order 42"'),
        ("refund invoice", '"refund" AND "invoice"'),
        ("a b OR c", '"a" AND ("b" OR "c")'),
        ("refund -spam -junk", '"refund" NOT ("spam" OR "junk")'),
        ("a b -c", '("a" AND "b") NOT "c"'),
        ("Rückgabe OR return* -Spam", '("Rückgabe" OR "return"*) NOT "Spam"'),
    ],
)
def test_to_fts5_match(text: str, match: str) -> None:
    assert to_fts5_match(parse(text).terms) == match


def test_fts5_operators_typed_by_the_user_are_quoted() -> None:
    terms = parse('NEAR(a NOT b^ {body} "x AND y"').terms
    assert to_fts5_match(terms) == '"NEAR(a" AND "NOT" AND "b^" AND "{body}" AND "x AND y"'


def test_only_exclusions_need_a_not_in_subquery() -> None:
    terms = parse("-spam -junk status:open").terms
    assert to_fts5_match(terms) is None
    assert to_fts5_exclusion(terms) == '"spam" OR "junk"'


def test_no_terms_no_match() -> None:
    assert to_fts5_match(()) is None
    assert to_fts5_exclusion(()) is None
    assert to_fts5_exclusion(parse("refund").terms) is None


def test_control_characters_separate_words_and_keep_positions() -> None:
    assert parse("ab\x00cd\u200bef").items == (Term("ab"), Term("cd"), Term("ef"))
    assert syntax_error("\u200bfrm:x").position == 1


def test_nul_in_a_hand_built_term_cannot_end_the_fts5_string() -> None:
    assert to_fts5_match((Term("ab\x00cd"),)) == '"ab cd"'


def test_double_quotes_inside_a_term_are_doubled() -> None:
    # The parser never produces them, but the renderer must stay safe on its own.
    assert to_fts5_match((Term('say "hi"'),)) == '"say ""hi"""'


@pytest.fixture
def fts() -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE doc USING fts5(body, tokenize='unicode61 remove_diacritics 2')"
    )
    connection.executemany(
        "INSERT INTO doc(rowid, body) VALUES (?, ?)",
        [
            (1, "Routing problem with order 42"),
            (2, "Refund for order 43, the router is broken"),
            (3, "Rückerstattung für Bestellung 42 bitte"),
            (4, "Spam spam: win a router"),
            (5, "Invoice attached (NEAR the end)"),
        ],
    )
    yield connection
    connection.close()


def matching(connection: sqlite3.Connection, text: str) -> set[int]:
    terms = parse(text).terms
    required = to_fts5_match(terms)
    if required is not None:
        sql, argument = "SELECT rowid FROM doc WHERE doc MATCH ?", required
    else:
        excluded = to_fts5_exclusion(terms)
        assert excluded is not None
        sql = "SELECT rowid FROM doc WHERE rowid NOT IN (SELECT rowid FROM doc WHERE doc MATCH ?)"
        argument = excluded
    return {row[0] for row in connection.execute(sql, (argument,))}


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("rout*", {1, 2, 4}),
        ("rout* -spam", {1, 2}),
        ("order rout* -refund", {1}),
        ('"order 42"', {1}),
        ("order 42", {1}),
        ("refund OR rückerstattung", {2, 3}),
        ("Ruckerstattung", {3}),
        ("-spam", {1, 2, 3, 5}),
        ("-spam -refund", {1, 3, 5}),
        ("NEAR", {5}),
        ("(NEAR", {5}),
        ('"spam: win"', {4}),
    ],
)
def test_fts5_expression_finds_the_right_rows(
    fts: sqlite3.Connection, text: str, rows: set[int]
) -> None:
    assert matching(fts, text) == rows


@pytest.mark.parametrize(
    "text",
    [
        'NEAR(a b) AND "x" OR ^start',
        "col*umn {body}:x a^b",
        "'single' \"double\" (paren) [bracket]",
        "ab*** *cd",
        "a-b c.d e/f g\\h",
        "🙂 emoji 🙂x",
        "\u00a0nbsp\u2003em-space",
        "SELECT * FROM doc; DROP TABLE doc",
        "ab\x00c order\x00",
        "\u200bzero\u200bwidth\u200d",
    ],
)
def test_hostile_input_never_breaks_fts5(fts: sqlite3.Connection, text: str) -> None:
    try:
        query = parse(text)
    except QuerySyntaxError:
        return  # a clear message is fine; an FTS5 syntax error is not
    matching(fts, text)  # must not raise sqlite3.OperationalError
    assert query.terms


FUZZ_PIECES = [
    *'ab ü"-*#:()^{}.,',
    "OR",
    "and",
    "from:",
    "status:",
    "is:",
    "#12",
    "before:",
    "today",
    "7d",
    "\x00",
    "\u200b",
    "NEAR",
]


def test_random_input_either_parses_safely_or_names_a_position(fts: sqlite3.Connection) -> None:
    rng = random.Random(20260327)
    positions: list[tuple[int, int]] = []
    for _ in range(3000):
        text = "".join(rng.choice(FUZZ_PIECES) for _ in range(rng.randint(0, 10)))
        try:
            query = parse(text)
        except QuerySyntaxError as error:
            positions.append((error.position, len(text)))
            continue
        assert parse(query.describe()) == query, text
        for expression in (to_fts5_match(query.terms), to_fts5_exclusion(query.terms)):
            if expression is not None:
                fts.execute("SELECT rowid FROM doc WHERE doc MATCH ?", (expression,)).fetchall()
    assert positions  # the generator does produce bad syntax
    assert all(0 <= position <= length for position, length in positions)
