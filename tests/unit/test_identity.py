"""ID number (GB 11643-1999) and phone number validation."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.identity import id_check_char, phone_kind, validate_id_number, validate_phone
from desktop.errors import GovDeskError

# Worked by hand: digits × weights (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) sum to 167,
# 167 mod 11 = 2, and the table "10X98765432" gives X at index 2.
VALID_ID = "11010519491231002X"


def _code(excinfo: pytest.ExceptionInfo[GovDeskError]) -> str:
    return excinfo.value.code


class TestIdCheckChar:
    def test_known_values(self) -> None:
        assert id_check_char("11010519491231002") == "X"
        # 4 4 0 5 2 4 1 8 8 0 0 1 0 1 0 0 1 -> sum 195, 195 mod 11 = 8 -> "4"
        assert id_check_char("44052418800101001") == "4"
        # Feb 30 body: sum 155, 155 mod 11 = 1 -> "0"
        assert id_check_char("11010519490230002") == "0"

    @pytest.mark.parametrize("bad", ["1101051949123100", "110105194912310021", "1101051949123100a"])
    def test_needs_17_digits(self, bad: str) -> None:
        with pytest.raises(ValueError):
            id_check_char(bad)


class TestValidateIdNumber:
    def test_valid(self) -> None:
        assert validate_id_number(VALID_ID) == VALID_ID

    def test_lowercase_x_and_spaces_normalized(self) -> None:
        assert validate_id_number(" 11010519491231002x ") == VALID_ID

    def test_full_width_input_normalized(self) -> None:
        assert validate_id_number("１１０１０５１９４９１２３１００２Ｘ") == VALID_ID

    @pytest.mark.parametrize("bad", ["", "11010519491231002", "11010519491231002X1"])
    def test_length(self, bad: str) -> None:
        with pytest.raises(GovDeskError) as excinfo:
            validate_id_number(bad)
        assert _code(excinfo) == "id_number.length"
        assert excinfo.value.params == {"value": bad}

    @pytest.mark.parametrize(
        "bad", ["11010519491231002Y", "1101051949123100XX", "11010519491231 02X"]
    )
    def test_format(self, bad: str) -> None:
        with pytest.raises(GovDeskError) as excinfo:
            validate_id_number(bad)
        assert _code(excinfo) == "id_number.format"

    def test_checksum(self) -> None:
        with pytest.raises(GovDeskError) as excinfo:
            validate_id_number("110105194912310021")
        assert _code(excinfo) == "id_number.checksum"
        assert excinfo.value.params == {"value": "110105194912310021"}

    @pytest.mark.parametrize(
        "bad",
        [
            "110105194902300020",  # 1949-02-30, correct check character
            "440524188001010014",  # 1880-01-01: correct check character, before 1900
            "110105189912310023",  # 1899-12-31: sum 196, 196 mod 11 = 9 -> "3"
            "110105194913010010",  # month 13
        ],
    )
    def test_birth_date(self, bad: str) -> None:
        with pytest.raises(GovDeskError) as excinfo:
            validate_id_number(bad)
        assert _code(excinfo) == "id_number.birth_date"

    def test_birth_date_not_in_future(self) -> None:
        assert validate_id_number(VALID_ID, today=date(1949, 12, 31)) == VALID_ID
        with pytest.raises(GovDeskError) as excinfo:
            validate_id_number(VALID_ID, today=date(1949, 12, 30))
        assert _code(excinfo) == "id_number.birth_date"


class TestValidatePhone:
    @pytest.mark.parametrize(
        "raw",
        [
            "13812345678",
            " 138 1234 5678 ",
            "138-1234-5678",
            "+86 138 1234 5678",
            "+86-13812345678",
            "8613812345678",
            "１３８１２３４５６７８",
        ],
    )
    def test_mobile(self, raw: str) -> None:
        assert validate_phone(raw) == "13812345678"
        assert phone_kind(raw) == "mobile"

    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            ("0471-1234567", "0471-1234567"),
            ("04711234567", "0471-1234567"),
            ("0471 1234567", "0471-1234567"),
            ("(0471)1234567", "0471-1234567"),
            ("（0471）1234567", "0471-1234567"),
            ("010-12345678", "010-12345678"),
            ("01012345678", "010-12345678"),
            ("010 1234 5678", "010-12345678"),
            ("02112345678", "021-12345678"),
            ("047712345678", "0477-12345678"),
            ("0471-1234567-801", "0471-1234567-801"),
            ("0471-1234567转801", "0471-1234567-801"),
            ("0471-1234567 ext. 12", "0471-1234567-12"),
        ],
    )
    def test_landline(self, raw: str, expected: str) -> None:
        assert validate_phone(raw) == expected
        assert phone_kind(raw) == "landline"

    @pytest.mark.parametrize(
        "bad",
        [
            "",
            "12812345678",  # no mobile block starts 12
            "1381234567",  # 10 digits
            "138123456789",  # 12 digits
            "110",
            "12345",
            "95588",  # service numbers are not accepted
            "1234567",  # landline without area code
            "0471-123456",  # local number too short
            "0471-123456789",  # local number too long
            "0471123456",  # joined: 4-digit area leaves 6 digits
            "+86 0471 1234567",
            "abc",
        ],
    )
    def test_refused(self, bad: str) -> None:
        with pytest.raises(GovDeskError) as excinfo:
            validate_phone(bad)
        assert _code(excinfo) == "phone.format"
        assert excinfo.value.params == {"value": bad}
        with pytest.raises(GovDeskError):
            phone_kind(bad)
