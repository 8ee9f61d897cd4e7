"""Password rules with messages in Chinese.

Django 5.2 reworded the minimum-length message and its Chinese catalogue has not
caught up, so the page said "This password is too short" in English.
"""

from __future__ import annotations

from django.contrib.auth.password_validation import MinimumLengthValidator


class ChineseMinimumLengthValidator(MinimumLengthValidator):
    def get_error_message(self) -> str:
        return f"密码太短：至少需要 {self.min_length} 个字符。"

    def get_help_text(self) -> str:
        return f"密码至少需要 {self.min_length} 个字符。"
