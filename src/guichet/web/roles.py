"""What each role's home page says and leads to (presentation only; roles live in accounts)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from guichet.accounts.roles import Role


@dataclass(frozen=True)
class Link:
    label: str
    url_name: str


@dataclass(frozen=True)
class RoleHome:
    title: str
    summary: str
    links: tuple[Link, ...]


_INBOX = Link(_("Your messages"), "notify:inbox")
_API = Link(_("API documentation"), "api-v1:openapi-view")
_ADMIN = Link(_("Administration site"), "admin:index")
# What an applicant (a person, or a company through its representative) follows and owns.
_APPLICANT = (
    Link(_("My applications"), "cases:mine"),
    Link(_("My documents and certificates"), "datahub:documents"),
    Link(_("Who used my data"), "datahub:my_data"),
    Link(_("My 12345 requests"), "hotline:mine"),
)

ROLE_HOMES: dict[Role, RoleHome] = {
    Role.CITIZEN: RoleHome(
        _("Your services"),
        _("Apply for services, follow your applications and read what the city sends you."),
        (*_APPLICANT, _INBOX),
    ),
    Role.BUSINESS_REPRESENTATIVE: RoleHome(
        _("Your companies"),
        _("Act for the companies you represent: their applications, licences and messages."),
        (*_APPLICANT, _INBOX),
    ),
    Role.WINDOW_CLERK: RoleHome(
        _("Your counter"),
        _("Call the next visitor, accept materials and start applications at your window."),
        (
            Link(_("Your window: call the next visitor"), "centres:work"),
            Link(_("Applications to accept"), "cases_work:acceptance"),
            Link(_("Start an application for a visitor"), "cases_work:on_behalf"),
            Link(_("Certificates to deliver"), "cases_work:delivery"),
            _INBOX,
        ),
    ),
    Role.DEPARTMENT_REVIEWER: RoleHome(
        _("Your review tasks"),
        _("Review the applications your department is asked to decide, within their deadlines."),
        (
            Link(_("Review inbox"), "cases_work:inbox"),
            Link(_("Hotline work orders"), "hotline:orders"),
            _INBOX,
        ),
    ),
    Role.DEPARTMENT_SUPERVISOR: RoleHome(
        _("Your department"),
        _("Follow your department's workload, deadlines and escalations."),
        (
            Link(_("Deadline board"), "cases_work:deadlines"),
            Link(_("Review inbox"), "cases_work:inbox"),
            Link(_("Hotline board"), "hotline:board"),
            _INBOX,
        ),
    ),
    Role.HOTLINE_OPERATOR: RoleHome(
        _("Your hotline console"),
        _("Take 12345 calls, answer on the spot or create a request for a department."),
        (
            Link(_("Hotline console"), "hotline:console"),
            Link(_("Satisfaction call-backs"), "hotline:callbacks"),
            _INBOX,
        ),
    ),
    Role.DISPATCHER: RoleHome(
        _("Your dispatch queue"),
        _("Send requests the classifier was unsure about to the right department or worker."),
        (
            Link(_("Dispatch queue"), "hotline:dispatch_queue"),
            Link(_("Hotline board"), "hotline:board"),
            _INBOX,
        ),
    ),
    Role.COMMUNITY_WORKER: RoleHome(
        _("Your community work"),
        _("Handle the work orders of your grid and help residents at the community centre."),
        (Link(_("Hotline work orders"), "hotline:orders"), _INBOX),
    ),
    Role.INTERMEDIARY_AGENCY: RoleHome(
        _("Your agency"),
        _("Bid for intermediary services and deliver the studies procedures require."),
        (_INBOX,),
    ),
    Role.CATALOGUE_ADMINISTRATOR: RoleHome(
        _("The service catalogue"),
        _("Describe every service once: documents, conditions, costs and time limits."),
        (_ADMIN, _INBOX),
    ),
    Role.CITY_LEADER: RoleHome(
        _("The city's dashboards"),
        _("See how services, windows and the hotline are performing."),
        (
            Link(_("Hotline board"), "hotline:board"),
            Link(_("Leaders' list of late orders"), "hotline:leaders"),
            Link(_("Hotline statistics"), "hotline:stats"),
            _INBOX,
        ),
    ),
    Role.PLATFORM_ADMINISTRATOR: RoleHome(
        _("The platform"),
        _("Accounts, API tokens, the audit trail and the health of the platform."),
        (_ADMIN, Link(_("Audit trail"), "web:audit_status"), _API, _INBOX),
    ),
}
