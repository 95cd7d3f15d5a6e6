"""The roles people play on the platform.

Citizens and business representatives act for themselves or their companies; staff roles are
held through a membership of a department or a centre and always need a second factor.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    BUSINESS_REPRESENTATIVE = "business_representative", _("Business representative")
    WINDOW_CLERK = "window_clerk", _("Window clerk")
    DEPARTMENT_REVIEWER = "department_reviewer", _("Department reviewer")
    DEPARTMENT_SUPERVISOR = "department_supervisor", _("Department supervisor")
    HOTLINE_OPERATOR = "hotline_operator", _("Hotline operator")
    DISPATCHER = "dispatcher", _("Dispatcher")
    COMMUNITY_WORKER = "community_worker", _("Community worker")
    INTERMEDIARY_AGENCY = "intermediary_agency", _("Intermediary agency")
    CATALOGUE_ADMINISTRATOR = "catalogue_administrator", _("Catalogue administrator")
    CITY_LEADER = "city_leader", _("City leader")
    PLATFORM_ADMINISTRATOR = "platform_administrator", _("Platform administrator")


# Roles held through a StaffMembership; every one of them needs two-factor login.
STAFF_ROLES = frozenset(
    {
        Role.WINDOW_CLERK,
        Role.DEPARTMENT_REVIEWER,
        Role.DEPARTMENT_SUPERVISOR,
        Role.HOTLINE_OPERATOR,
        Role.DISPATCHER,
        Role.COMMUNITY_WORKER,
        Role.CATALOGUE_ADMINISTRATOR,
        Role.CITY_LEADER,
        Role.PLATFORM_ADMINISTRATOR,
    }
)
# Where a membership of each staff role sits: a department, a centre, or the whole city.
ORGANISATION_OF_ROLE = {
    Role.WINDOW_CLERK: "centre",
    Role.DEPARTMENT_REVIEWER: "department",
    Role.DEPARTMENT_SUPERVISOR: "department",
    Role.HOTLINE_OPERATOR: "centre",
    Role.DISPATCHER: "city",
    Role.COMMUNITY_WORKER: "centre",
    Role.CATALOGUE_ADMINISTRATOR: "city",
    Role.CITY_LEADER: "city",
    Role.PLATFORM_ADMINISTRATOR: "city",
    Role.INTERMEDIARY_AGENCY: "agency",
}
