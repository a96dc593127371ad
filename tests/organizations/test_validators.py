import pytest
from django.core.exceptions import ValidationError
from stdnum.ru import ogrn as stdnum_ogrn

from edcluster.organizations.validators import ogrn_check_digit, ogrn_is_valid, validate_inn, validate_ogrn


def _ogrnip_with_remainder(remainder: int) -> str:
    """A well-formed ОГРНИП whose first 14 digits leave ``remainder`` modulo 13."""
    for body in range(30_400_000_000_000, 30_400_000_000_100):
        if body % 13 == remainder:
            return f"{body}{remainder % 10}"
    raise AssertionError("no body found")


@pytest.mark.parametrize("inn", ["7725114488", "7707083893", "500100732259"])
def test_valid_inn_passes(inn):
    validate_inn(inn)


@pytest.mark.parametrize("inn", ["7725114489", "1234567890", "123", "77251144881", "abcdefghij"])
def test_invalid_inn_is_refused_in_russian(inn):
    with pytest.raises(ValidationError) as exc:
        validate_inn(inn)
    assert "ИНН" in exc.value.messages[0]


@pytest.mark.parametrize("ogrn", ["1027700342890", "1027700132195"])
def test_valid_ogrn_passes(ogrn):
    validate_ogrn(ogrn)


def test_ogrn_with_wrong_check_digit_is_refused():
    with pytest.raises(ValidationError, match="контрольной суммы"):
        validate_ogrn("1027700342891")


@pytest.mark.parametrize("remainder", [10, 11, 12])
def test_ogrnip_with_two_digit_remainder_is_valid_although_stdnum_rejects_it(remainder):
    number = _ogrnip_with_remainder(remainder)
    assert not stdnum_ogrn.is_valid(number), "python-stdnum fixed its ОГРНИП rule: drop the local correction"
    assert ogrn_is_valid(number)
    validate_ogrn(number)


@pytest.mark.parametrize("remainder", range(10))
def test_ogrnip_with_one_digit_remainder_agrees_with_stdnum(remainder):
    number = _ogrnip_with_remainder(remainder)
    assert ogrn_is_valid(number) == stdnum_ogrn.is_valid(number) is True
    assert ogrn_check_digit(number) == str(remainder)


def test_real_ogrnip_is_valid():
    # ОГРНИП 304500116000157: 30450011600015 % 13 == 7
    assert ogrn_is_valid("304500116000157")
    assert not ogrn_is_valid("304500116000158")
