"""Who may do what with the guide, the annual reports and the statistics.

- Everyone reads the guide, the catalogue export and published annual reports.
- The office (`accounts.roles.is_office_member`: the 办公室审核员 role or the head of
  the office) edits the guide and the organisation's contacts, compiles
  and publishes annual reports, and sees drafts.
- The office and the leader in charge see the statistics.
A draft report is a 404 to everyone else."""

from django.db.models import QuerySet

from accounts.roles import Role, has_role, is_office_member
from reports.models import AnnualReport, ReportStatus


def can_edit_guide(user) -> bool:
    return is_office_member(user)


def can_manage_reports(user) -> bool:
    return is_office_member(user)


def reports_visible_to(user) -> QuerySet[AnnualReport]:
    if can_manage_reports(user):
        return AnnualReport.objects.all()
    return AnnualReport.objects.filter(status=ReportStatus.PUBLISHED)


def can_view_statistics(user) -> bool:
    return is_office_member(user) or has_role(user, Role.LEADER)
