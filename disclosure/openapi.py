"""The OpenAPI 3.1 description of the JSON API (disclosure.api), served at
/api/v1/schema/. Written by hand from the constants the API itself uses (page sizes,
the filter form's fields and limits, the choices, the error messages), so the two
cannot drift apart silently: tests/disclosure/test_openapi.py validates the schema
and checks that the parameters the API reads and the ones described are the same.
Readers' documentation with examples: docs/api.md."""

from django.http import HttpRequest, JsonResponse
from django.urls import get_script_prefix
from django.views.decorators.http import require_safe

from common.listing import LISTING_CAP
from disclosure import api
from disclosure.choices import Topic, Validity
from disclosure.search import MAX_QUERY_LENGTH, MAX_TERMS
from disclosure.selectors import FIRST_YEAR

VERSION = "1.0.0"

# The list's filters: exactly the fields of PublicFilterForm (checked by the tests).
FILTER_PARAMETERS: dict[str, tuple[dict, str]] = {
    "q": (
        {"type": "string", "maxLength": MAX_QUERY_LENGTH},
        f"关键词：在标题、文号、索引号、摘要、关键词、正文和附件文字中查找；以空格分隔的"
        f"多个词须全部出现（前 {MAX_TERMS} 个有效）；不超过 {MAX_QUERY_LENGTH} 个字。"
        f"有关键词时标题含全部词的排在前面。",
    ),
    "column": (
        {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"},
        "栏目别名（slug），如 employment，含其下级栏目；不存在的栏目为 400。",
    ),
    "topic": (
        {"type": "string", "enum": list(Topic.values)},
        "主题分类代码，如 15.1（劳动就业）。",
    ),
    "year": (
        {"type": "integer", "minimum": FIRST_YEAR},
        f"发布年份，{FIRST_YEAR} 至明年。",
    ),
    "section": ({"type": "integer"}, "发布股室的编号；不存在的股室为 400。"),
}
PAGING_PARAMETERS: dict[str, tuple[dict, str]] = {
    "page": ({"type": "integer", "minimum": 1, "default": 1}, "页码，从 1 开始。"),
    "page_size": (
        {
            "type": "integer",
            "minimum": 1,
            "maximum": api.MAX_PAGE_SIZE,
            "default": api.DEFAULT_PAGE_SIZE,
        },
        f"每页条数，1 至 {api.MAX_PAGE_SIZE}，默认 {api.DEFAULT_PAGE_SIZE}。",
    ),
}


def list_parameters() -> dict[str, tuple[dict, str]]:
    """Every query parameter of GET /api/v1/items/ with its schema and description."""
    return {**FILTER_PARAMETERS, **PAGING_PARAMETERS}


def _nullable(schema: dict) -> dict:
    return {**schema, "type": [schema["type"], "null"]}


def _code_name(codes: list[str]) -> dict:
    return {
        "type": "object",
        "required": ["code", "name"],
        "properties": {"code": {"type": "string", "enum": codes}, "name": {"type": "string"}},
    }


_STRING = {"type": "string"}
_URL = {"type": "string", "format": "uri"}

ITEM = {
    "type": "object",
    "description": "一条已公开的政府信息的目录字段。",
    "required": [
        "id",
        "index_number",
        "title",
        "column",
        "topic",
        "publisher",
        "section",
        "written_on",
        "published_at",
        "document_number",
        "validity",
        "keywords",
        "summary",
        "url",
    ],
    "properties": {
        "id": {"type": "integer"},
        "index_number": {**_STRING, "description": "索引号"},
        "title": _STRING,
        "column": {
            "type": "object",
            "required": ["slug", "name"],
            "properties": {"slug": _STRING, "name": _STRING},
        },
        "topic": _code_name(list(Topic.values)),
        "publisher": {**_STRING, "description": "发布机构"},
        "section": {**_STRING, "description": "发布股室"},
        "written_on": _nullable({"type": "string", "format": "date"}),
        "published_at": _nullable({"type": "string", "format": "date-time"}),
        "document_number": {**_STRING, "description": "文号，无则为空字符串"},
        "validity": _code_name(list(Validity.values)),
        "keywords": _STRING,
        "summary": _STRING,
        "url": {**_URL, "description": "公开页面地址"},
    },
}
ITEM_DETAIL = {
    "allOf": [
        {"$ref": "#/components/schemas/Item"},
        {
            "type": "object",
            "required": ["body", "attachments", "replaced_by"],
            "properties": {
                "body": {**_STRING, "description": "正文（经清洗的 HTML）"},
                "attachments": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["title", "url", "size", "content_type"],
                        "properties": {
                            "title": _STRING,
                            "url": _URL,
                            "size": {"type": "integer", "description": "字节数"},
                            "content_type": _STRING,
                        },
                    },
                },
                "replaced_by": _nullable({**_URL, "description": "已被替代时，新信息的 API 地址"}),
            },
        },
    ]
}
ITEM_PAGE = {
    "type": "object",
    "required": [
        "count",
        "count_exact",
        "page",
        "page_size",
        "num_pages",
        "next",
        "previous",
        "results",
    ],
    "properties": {
        "count": {
            "type": "integer",
            "description": f"结果数；超过 {LISTING_CAP} 条时为 {LISTING_CAP}（只分页前这些）",
        },
        "count_exact": {"type": "boolean", "description": "false：结果多于 count，请缩小条件"},
        "page": {"type": "integer"},
        "page_size": {"type": "integer"},
        "num_pages": {"type": "integer"},
        "next": _nullable(_URL),
        "previous": _nullable(_URL),
        "results": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
    },
}
ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {**_STRING, "description": "中文的错误说明"}},
}


def _error_response(description: str, example: str) -> dict:
    return {
        "description": description,
        "content": {
            "application/json": {
                "schema": {"$ref": "#/components/schemas/Error"},
                "example": {"error": example},
            }
        },
    }


def _json_response(description: str, ref: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
    }


def schema(server_url: str = "") -> dict:
    """The OpenAPI 3.1 document; `server_url` is the site's address with its prefix."""
    parameters = [
        {"name": name, "in": "query", "required": False, "schema": spec, "description": text}
        for name, (spec, text) in list_parameters().items()
    ]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "政府信息公开目录 API",
            "version": VERSION,
            "description": (
                "只读的已公开政府信息目录（开放数据）。无需登录，允许跨域读取；"
                "说明与示例见 docs/api.md。"
            ),
        },
        "servers": [{"url": server_url or "/"}],
        "paths": {
            "/api/v1/items/": {
                "get": {
                    "operationId": "listItems",
                    "summary": "已公开信息列表（最新发布在前），可按条件筛选并分页",
                    "parameters": parameters,
                    "responses": {
                        "200": _json_response("一页结果", "ItemPage"),
                        "400": _error_response("参数有误", api.PAGE_SIZE_ERROR),
                        "404": _error_response(
                            "页码超出范围", api.PAGE_RANGE_ERROR.format(num_pages=3)
                        ),
                    },
                }
            },
            "/api/v1/items/{id}/": {
                "get": {
                    "operationId": "getItem",
                    "summary": "一条已公开信息，含正文和附件",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 1},
                            "description": "信息编号（列表中的 id）",
                        }
                    ],
                    "responses": {
                        "200": _json_response("该信息", "ItemDetail"),
                        "404": _error_response("不存在或未公开", api.NOT_FOUND_ERROR),
                    },
                }
            },
            "/api/v1/schema/": {
                "get": {
                    "operationId": "getSchema",
                    "summary": "本 OpenAPI 文档",
                    "responses": {"200": {"description": "OpenAPI 3.1 JSON"}},
                }
            },
        },
        "components": {
            "schemas": {
                "Item": ITEM,
                "ItemDetail": ITEM_DETAIL,
                "ItemPage": ITEM_PAGE,
                "Error": ERROR,
            }
        },
    }


@require_safe
def schema_view(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(
        schema(request.build_absolute_uri(get_script_prefix()).rstrip("/")),
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
