from django import forms
from django.db import models
from django.utils import translation


class _Kind(models.TextChoices):
    A = "a", "甲"


class _Form(forms.Form):
    kind = forms.TypedChoiceField(choices=models.CharField(choices=_Kind, blank=True).get_choices())


def test_empty_choice_is_in_chinese():
    with translation.override("zh-hans"):
        assert "- 请选择 -" in str(_Form()["kind"])
