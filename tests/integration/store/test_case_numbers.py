"""Case numbers stay unique when many writers open cases at once."""

from concurrent.futures import ThreadPoolExecutor

from omnidesk.core.enums import Channel, IdentityKind
from omnidesk.services.cases import Incoming, open_case
from omnidesk.store.engine import Database

WRITERS = 8
CASES_EACH = 10


def test_concurrent_writers_get_distinct_consecutive_numbers(db: Database, db_url: str):
    def open_many(writer: int) -> list[int]:
        own = Database(db_url)
        try:
            return [
                open_case(
                    own,
                    Incoming(
                        channel=Channel.FORM,
                        identity_kind=IdentityKind.EMAIL,
                        identity_value=f"writer{writer}-{i}@example.com",
                        customer_name="",
                        subject=f"form {writer}/{i}",
                        text="hello",
                    ),
                )
                for i in range(CASES_EACH)
            ]
        finally:
            own.dispose()

    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        numbers = [n for batch in pool.map(open_many, range(WRITERS)) for n in batch]

    assert len(numbers) == WRITERS * CASES_EACH
    assert len(set(numbers)) == len(numbers)
    assert sorted(numbers) == list(range(1001, 1001 + len(numbers)))
