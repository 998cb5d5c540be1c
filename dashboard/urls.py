from django.urls import path

from dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="index"),
    path("print/", views.PrintView.as_view(), name="print"),
    path("export.xlsx", views.WorkbookExportView.as_view(), name="export-xlsx"),
    path("export-csv.zip", views.CSVExportView.as_view(), name="export-csv"),
    path("export.docx", views.DocumentExportView.as_view(), name="export-docx"),
    path("records/<slug:kind>/", views.RecordListView.as_view(), name="records"),
]
