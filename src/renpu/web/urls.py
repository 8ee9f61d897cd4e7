from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from .accounts import views as agreement
from .canvass.views import checks, households, persons, records, search
from .dashboard import views as dashboard
from .transfer import views as transfer
from .verification import views as tasks

urlpatterns = [
    path("", dashboard.home, name="home"),
    path("villages/<str:code>/", dashboard.village, name="village"),
    path("townships/<str:code>/", dashboard.township, name="township"),
    path("login/", agreement.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("agreement/", agreement.agreement, name="agreement"),
    path("households/", households.household_list, name="households"),
    path("households/new/", households.household_new, name="household_new"),
    path("households/<int:pk>/", households.household_detail, name="household"),
    path("households/<int:pk>/edit/", households.household_edit, name="household_edit"),
    path("households/<int:pk>/check/", households.household_check, name="household_check"),
    path("households/<int:pk>/persons/new/", persons.person_new, name="person_new"),
    path("persons/<int:pk>/edit/", persons.person_edit, name="person_edit"),
    path("persons/<int:pk>/death/", persons.person_death, name="person_death"),
    path("persons/<int:pk>/away/", persons.person_away, name="person_away"),
    path("persons/<int:pk>/return/", persons.person_return, name="person_return"),
    path("records/<str:slug>/", records.record_list, name="record_list"),
    path("records/<str:slug>/new/", records.record_new, name="record_new"),
    path("records/<str:slug>/<int:pk>/", records.record_edit, name="record"),
    path("records/<str:slug>/<int:pk>/delete/", records.record_delete, name="record_delete"),
    path("search/", search.search_page, name="search"),
    path("checks/", checks.checks, name="checks"),
    path("tasks/", tasks.task_list, name="tasks"),
    path("tasks/<int:pk>/", tasks.task_detail, name="task"),
    path("tasks/<int:pk>/resolve/", tasks.task_resolve, name="task_resolve"),
    path("tasks/<int:pk>/review/", tasks.task_review, name="task_review"),
    path("imports/", transfer.imports, name="imports"),
    path("imports/report/<int:index>/", transfer.import_report, name="import_report"),
    path("imports/preview/<str:token>/", transfer.import_preview, name="import_preview"),
    path("imports/preview/<str:token>/confirm/", transfer.import_confirm, name="import_confirm"),
    path("imports/preview/<str:token>/report/", transfer.import_preview_report, name="import_preview_report"),
    path("imports/preview/<str:token>/discard/", transfer.import_discard, name="import_discard"),
    path("exports/log/", transfer.export_log, name="export_log"),
    path("exports/<str:what>/", transfer.export, name="export"),
    path("admin/", admin.site.urls),
]
