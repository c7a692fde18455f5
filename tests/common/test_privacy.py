"""Masking of personal data (common.privacy), shared by requests and consultations."""

import pytest

from common import privacy


def test_requests_masking_follows_local_practice():
    assert privacy.mask_phone("13812341234") == "138****1234"
    assert privacy.mask_id("350102199003071234") == "35*************234"
    assert privacy.mask_name("张三丰") == "张**"
    assert privacy.mask_name("示例县某某科技有限公司") == "示例****公司"
    assert privacy.mask_address("示例县城关镇人民路 8 号") == "示例县城关镇****"
    assert privacy.mask_address("示例县北门街道幸福里 3 号") == "示例县北门街道****"
    assert privacy.mask_email("zhang@example.com") == "z***@example.com"


@pytest.mark.parametrize(
    ("contact", "masked"),
    [
        ("13812345678", "138****5678"),
        ("电话 13812345678", "电话 138****5678"),
        ("a@example.com", "a***@example.com"),
        (" zhang.san@example.com ", "z***@example.com"),
        ("0572-1234567", "0572-123****67"),
        ("微信 zhangsan", "微***"),
        ("", ""),
    ],
)
def test_free_text_contacts_keep_no_full_number_or_address(contact, masked):
    assert privacy.mask_contact(contact) == masked


def test_mobile_numbers_in_a_contact_are_masked_as_phones_are():
    assert privacy.mask_contact("13812345678") == privacy.mask_phone("13812345678")
