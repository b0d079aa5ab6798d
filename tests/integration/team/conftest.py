"""Team-mode tests reuse the services' agents and case fixtures on both backends."""

from tests.integration.services.conftest import anna, ben, case_number

__all__ = ["anna", "ben", "case_number"]
