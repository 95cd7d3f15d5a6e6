"""Pages of the centres: the clerk's window view and the call board under /centres/, and the
self-service kiosk under /kiosk/ (`kiosk_urlpatterns`, its own namespace)."""

from django.urls import path

from . import views_counter, views_kiosk

app_name = "centres"
urlpatterns = [
    path("work/", views_counter.work, name="work"),
    path("work/window/<int:window_id>/", views_counter.window, name="window"),
    path(
        "work/window/<int:window_id>/<slug:action>/",
        views_counter.window_action,
        name="window_action",
    ),
    path(
        "work/drop-offs/<int:pk>/collect/",
        views_counter.collect_drop_off,
        name="collect_drop_off",
    ),
    path("<str:code>/board/", views_kiosk.board, name="board"),
    path("<str:code>/board.json", views_kiosk.board_json, name="board_json"),
]

kiosk_urlpatterns = (
    [
        path("", views_kiosk.index, name="index"),
        path("<str:code>/", views_kiosk.start, name="start"),
        path("<str:code>/restart/", views_kiosk.restart, name="restart"),
        path("<str:code>/ticket/", views_kiosk.take_ticket, name="take"),
        path("<str:code>/ticket/<str:token>/", views_kiosk.ticket, name="ticket"),
        path("<str:code>/check-in/", views_kiosk.check_in, name="check_in"),
        path("<str:code>/status/", views_kiosk.status, name="status"),
        path("<str:code>/drop-box/", views_kiosk.drop_box, name="drop_box"),
        path(
            "<str:code>/drop-box/<str:token>/",
            views_kiosk.drop_box_receipt,
            name="drop_box_receipt",
        ),
    ],
    "kiosk",
)
