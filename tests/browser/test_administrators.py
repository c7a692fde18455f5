"""三员分立 in the browser: each of the three administrators signs in with the
second factor, reaches the pages of its own duty, and is refused (403 from the
back office, 404 elsewhere) on the other two's pages and on applicants' data."""

import pytest

USERS = "/admin/accounts/user/add/"  # 系统管理员: accounts
IDENTITY = "/admin/disclosure/siteidentity/"  # 系统管理员: the site's identity
WORDS = "/admin/review/sensitiveword/"  # 安全保密管理员: sensitive words
LOCKOUTS = "/admin/axes/accessattempt/"  # 安全保密管理员: lockouts
AUDIT_LOG = "/admin/audit/auditentry/"  # 审计管理员: the audit log
LOGINS = "/admin/axes/accesslog/"  # 审计管理员: the login log
REQUESTS = "/requests/staff/"  # applicants' personal data: none of the three

ADMINISTRATORS = {
    "sysadmin": ((USERS, IDENTITY), (WORDS, LOCKOUTS, AUDIT_LOG, LOGINS, REQUESTS)),
    "security": ((WORDS, LOCKOUTS), (USERS, IDENTITY, AUDIT_LOG, LOGINS, REQUESTS)),
    "auditor": ((AUDIT_LOG, LOGINS), (USERS, IDENTITY, WORDS, LOCKOUTS, REQUESTS)),
}


@pytest.mark.parametrize("username", ADMINISTRATORS)
def test_administrator_reaches_only_its_own_pages(visitor, username):
    own, others = ADMINISTRATORS[username]
    visitor.login(username, next_path="/admin/")
    for path in own:
        visitor.open(path)
        assert visitor.path() == path
    for path in others:
        response = visitor.page.goto(visitor.url(path))
        assert response is not None
        assert response.status in (403, 404), f"{username} reached {path}"
        visitor.check()
        assert "政府信息公开平台 · 管理后台" not in visitor.page.locator("h1").first.inner_text()
