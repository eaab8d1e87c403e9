"""OpenAPI post-processing: document the errors every operation can give, and the
constraints on shared query parameters, so that the schema describes the API exactly."""

# An empty value means "no filter", as on the browse page.
SLUG_PATTERN = r"^[-a-zA-Z0-9_]*$"
CONSTRAINTS = {
    "page": {"type": "integer", "minimum": 1},
    "page_size": {"type": "integer", "minimum": 1, "maximum": 100},
    "q": {"type": "string", "maxLength": 200, "pattern": r"^[^\u0000]*$"},
    "borough": {"type": "string", "pattern": SLUG_PATTERN, "maxLength": 100},
    "category": {"type": "string", "pattern": SLUG_PATTERN, "maxLength": 100},
    "beneficiary": {"type": "string", "pattern": SLUG_PATTERN, "maxLength": 100},
    "language": {"type": "string", "pattern": r"^([a-zA-Z]{2,3})?$"},
    # A UK postcode in any case and spacing (it must also be one the directory knows).
    "near": {
        "type": "string",
        "maxLength": 10,
        "pattern": r"^\s*[A-Za-z]{1,2}[0-9][A-Za-z0-9]?\s*[0-9][A-Za-z]{2}\s*$",
    },
    "lat": {"type": "number", "minimum": -90, "maximum": 90},
    "lng": {"type": "number", "minimum": -180, "maximum": 180},
    "within": {"type": "number", "minimum": 0.1, "maximum": 50},
}
# Where one operation takes more than the rest: (path, parameter) -> what differs.
PATH_CONSTRAINTS = {
    # A mirror reads the changes feed in pages of up to 1,000.
    ("/api/v1/organisations/changes/", "page_size"): {"maximum": 1000},
}
ERROR = {"$ref": "#/components/schemas/Error"}
ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "What went wrong, naming the parameter."},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "description": "Messages per parameter.",
        },
    },
    "required": ["detail"],
}
ERROR_RESPONSES = {
    "400": "A parameter is invalid; the message names it.",
    "401": "The token sent is not valid.",
    "404": "Not found, or a page past the last one.",
    "429": "Too many requests; wait and retry, or ask staff for a partner token.",
}


def document_errors_and_constraints(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path, path_item in result.get("paths", {}).items():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for parameter in operation.get("parameters", []):
                name = parameter.get("name")
                extra = {**CONSTRAINTS.get(name, {}), **PATH_CONSTRAINTS.get((path, name), {})}
                if extra and parameter.get("in") == "query":
                    parameter["schema"] = {**parameter.get("schema", {}), **extra}
            for status, description in ERROR_RESPONSES.items():
                operation["responses"].setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": ERROR}},
                    },
                )
    return result
