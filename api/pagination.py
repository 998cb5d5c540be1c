"""Pagination of the open data API: numbered pages, the client may ask for up to 100 rows."""

from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
