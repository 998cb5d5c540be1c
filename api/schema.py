"""Additions to the generated OpenAPI schema: the error answers every operation may give."""

from __future__ import annotations

from django_countries import countries

from api.pagination import PageNumberPagination
from config.search_columns import MAX_QUERY_LENGTH
from cooperation.filters import YEAR_FIELD

# What the filters accept, said in the schema (django-filter's form fields check it).
YEAR_PARAMETERS = {"year", "year_from", "year_to", "started_from", "started_to"}
SLUG_PARAMETERS = {"institution", "field", "unit", "researcher", "parent", "category"}

ERROR_SCHEMA = {
    "type": "object",
    "description": "What was wrong: `detail`, or a list of messages per parameter.",
    "additionalProperties": True,
}


def _error(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": ERROR_SCHEMA}},
    }


def describe_parameter(parameter: dict) -> None:
    schema = parameter.setdefault("schema", {})
    name = parameter.get("name")
    if parameter.get("in") != "query":
        return
    if name in YEAR_PARAMETERS:
        schema.update(minimum=YEAR_FIELD["min_value"], maximum=YEAR_FIELD["max_value"])
    elif name in SLUG_PARAMETERS:
        schema.update(pattern=r"^[-a-zA-Z0-9_]+$", maxLength=255)
    elif name == "country":
        schema["enum"] = [code for code, _name in countries]
        parameter["description"] = "ISO 3166-1 alpha-2 code of a partner's country, e.g. JP"
    elif name == "q":
        schema["maxLength"] = MAX_QUERY_LENGTH
        parameter["description"] = (
            "Words in a project's title or summary, in either language, as the portal's "
            "search finds them"
        )
    elif name == "page":
        schema["minimum"] = 1
    elif name == PageNumberPagination.page_size_query_param:
        schema.update(minimum=1, maximum=PageNumberPagination.max_page_size)


def add_error_responses(result: dict, generator, request, public) -> dict:
    """drf-spectacular postprocessing hook: document what each query parameter accepts,
    and the 304, 400, 404 and 429 answers."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                describe_parameter(parameter)
            responses = operation.setdefault("responses", {})
            responses.setdefault("304", {"description": "Not modified (matching If-None-Match)."})
            responses.setdefault(
                "400",
                _error("A filter or page parameter is not valid, or not one the endpoint reads."),
            )
            responses.setdefault("404", _error("No such record, or no such page."))
            responses.setdefault("429", _error("Too many requests: wait and try again."))
    return result
