"""The back office's home page: what waits for review (cooperation.admin_workflow) and
what needs attention (cooperation.admin_attention)."""

from __future__ import annotations

from django import template

from cooperation.admin_attention import Finding, needs_attention
from cooperation.admin_workflow import ReviewQueueRow, review_queue

register = template.Library()


@register.simple_tag(takes_context=True)
def review_queue_rows(context) -> list[ReviewQueueRow]:
    return review_queue(context["request"])


@register.simple_tag(takes_context=True)
def attention_findings(context) -> list[Finding]:
    return needs_attention(context["request"])
