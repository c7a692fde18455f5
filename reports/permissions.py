"""Who may do what with the guide, the annual reports and the statistics.

- Everyone reads the guide, the catalogue export and published annual reports.
- The office (办公室审核员) edits the guide and the organisation's contacts, compiles
  and publishes annual reports, and sees drafts.
- The office and the leader in charge see the statistics.
A draft report is a 404 to everyone else."""

from django.db.models import QuerySet

from accounts.roles import Role, has_role
from reports.models import AnnualReport, ReportStatus


def is_office(user) -> bool:
    return has_role(user, Role.OFFICE_REVIEWER)


def can_edit_guide(user) -> bool:
    return is_office(user)


def can_manage_reports(user) -> bool:
    return is_office(user)


def reports_visible_to(user) -> QuerySet[AnnualReport]:
    if can_manage_reports(user):
        return AnnualReport.objects.all()
    return AnnualReport.objects.filter(status=ReportStatus.PUBLISHED)


def can_view_statistics(user) -> bool:
    return has_role(user, Role.OFFICE_REVIEWER, Role.LEADER)
