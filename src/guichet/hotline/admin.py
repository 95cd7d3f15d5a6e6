"""What administrators maintain: categories, routing rules, deadlines, the grid, answers.

Requests and work orders are not in the admin site on purpose: they hold reporters' personal
data, and every look at them goes through pages that check who may see what.
"""

from django.contrib import admin

from .models import (
    Category,
    CellWorker,
    DeadlinePolicy,
    DeskManager,
    GridCell,
    RoutingRule,
    StandardAnswer,
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "group",
        "department_code",
        "by_community",
        "desk",
        "reportable",
        "active",
    ]
    list_filter = ["group", "by_community", "desk", "reportable", "active"]
    search_fields = ["code", "keywords", "department_code"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "order",
        "category",
        "keywords",
        "district",
        "target",
        "department_code",
        "active",
    ]
    list_editable = ["order", "active"]
    list_filter = ["target", "active"]


@admin.register(DeadlinePolicy)
class DeadlinePolicyAdmin(admin.ModelAdmin):
    list_display = ["kind", "urgency", "hours", "working_days"]


@admin.register(GridCell)
class GridCellAdmin(admin.ModelAdmin):
    list_display = ["code", "district", "street", "community"]
    list_filter = ["district"]
    search_fields = ["code", "street", "community"]


@admin.register(CellWorker)
class CellWorkerAdmin(admin.ModelAdmin):
    list_display = ["cell", "worker", "active"]
    raw_id_fields = ["cell", "worker"]
    search_fields = ["cell__code", "worker__email", "worker__full_name"]


@admin.register(DeskManager)
class DeskManagerAdmin(admin.ModelAdmin):
    list_display = ["user", "desk", "active"]
    list_filter = ["desk", "active"]
    raw_id_fields = ["user"]


@admin.register(StandardAnswer)
class StandardAnswerAdmin(admin.ModelAdmin):
    list_display = ["id", "category", "keywords", "active"]
    list_filter = ["active"]
