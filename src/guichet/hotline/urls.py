"""Hotline pages: the public report, tracking and map, and the staff's work pages."""

from django.urls import path

from . import views_console, views_public, views_staff

app_name = "hotline"

urlpatterns = [
    # Public
    path("", views_public.report, name="report"),
    path("kiosk/<str:centre>/", views_public.kiosk_report, name="kiosk_report"),
    path("mine/", views_public.mine, name="mine"),
    path("track/<str:number>/", views_public.track, name="track"),
    path("feedback/<str:token>/", views_public.feedback, name="feedback"),
    path("map/", views_public.public_map, name="map"),
    path("stats/", views_public.stats, name="stats"),
    path("open-data.csv", views_public.open_data, name="open_data"),
    path("files/<int:pk>/", views_public.attachment, name="attachment"),
    path("files/<int:pk>/thumbnail/", views_public.thumbnail, name="thumbnail"),
    # Staff
    path("work/", views_staff.home, name="work"),
    path("work/console/", views_console.console, name="console"),
    path("work/console/knowledge/", views_console.knowledge, name="knowledge"),
    path("work/console/caller/", views_console.caller, name="caller"),
    path("work/console/duplicates/", views_console.duplicates, name="duplicates"),
    path("work/mail/", views_console.mail_upload, name="mail_upload"),
    path("work/callbacks/", views_console.callbacks, name="callbacks"),
    path("work/requests/<str:number>/", views_staff.request_detail, name="request"),
    path("work/dispatch/", views_staff.dispatch_queue, name="dispatch_queue"),
    path("work/dispatch/<str:number>/", views_staff.dispatch, name="dispatch"),
    path("work/orders/", views_staff.orders, name="orders"),
    path("work/orders/<str:number>/", views_staff.order, name="order"),
    path("work/board/", views_staff.board, name="board"),
    path("work/leaders/", views_staff.leaders, name="leaders"),
    path("work/desk/", views_staff.desk_report, name="desk_report"),
    # Public pages added with the public views
    path("receipt/<str:token>/", views_public.receipt, name="receipt"),
    path(
        "kiosk/<str:centre>/receipt/<str:token>/",
        views_public.kiosk_receipt,
        name="kiosk_receipt",
    ),
]
