import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

# 政府网站标识码: 10 characters (the region code and a serial; 部门 sites start "bm").
_SITE_ID_CODE = re.compile(r"^[0-9A-Za-z]{10}$")
# ICP备案号 as MIIT issues it: 浙ICP备05001234号, optionally -1 for the site.
_ICP = re.compile(r"^[\u4e00-\u9fff]ICP备\d{6,10}号(-\d{1,3})?$")
# 公安机关备案号: 浙公网安备 33052402000123号 (14 digits).
_POLICE = re.compile(r"^[\u4e00-\u9fff]公网安备\s?(?P<code>\d{14})号$")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,63}$")

DEFAULT_STATEMENT = (
    "本网站是本机关发布政府信息的平台，所发布信息以正式文件为准。\n"
    "本网站的文字、图片、附件等信息，除注明来源的以外，版权归本机关所有；"
    "转载时请注明来源，不得歪曲、篡改。\n"
    "本网站提供的外部链接仅为方便访问，本机关不对链接网站的内容负责。"
)
DEFAULT_PRIVACY = (
    "本网站浏览公开信息无需注册，不收集访问者的个人信息。\n"
    "您在提交政府信息公开申请、意见征集、纠错等表单时提供的姓名、证件号码、联系方式等个人信息，"
    "仅用于办理您的事项和与您联系，不公开、不向第三方提供，法律法规另有规定的除外；"
    "工作人员列表中的个人信息按规定脱敏显示。\n"
    "为防止恶意提交，本网站对表单提交次数进行限制，只保存访问地址的加密摘要，不保存地址本身。"
)


class SiteIdentity(models.Model):
    """The site's identity for national monitoring and the footer: 网站标识码, 备案
    numbers, the 党政机关网站标识, and the statement pages. One row, kept by the
    系统管理员 (disclosure.services.site_identity_update). Running as a channel of
    the county portal (国办发〔2017〕47号), these are the county portal's."""

    site_name = models.CharField(
        "网站名称",
        max_length=100,
        blank=True,
        help_text="所在政府网站的名称，如“示例县人民政府门户网站”。",
    )
    site_domain = models.CharField(
        "网站域名", max_length=253, blank=True, help_text="如 www.example.gov.cn。"
    )
    site_id_code = models.CharField("网站标识码", max_length=10, blank=True)
    channel_name = models.CharField(
        "栏目名称",
        max_length=100,
        blank=True,
        help_text="本平台在政府网站中的栏目名称，如“县人力社保局”。",
    )
    icp_number = models.CharField("ICP备案号", max_length=40, blank=True)
    police_number = models.CharField("公安机关备案号", max_length=40, blank=True)
    gov_mark_url = models.URLField(
        "党政机关网站标识链接",
        blank=True,
        help_text="开办资格复核后获得的标识链接（conac.cn），留空则不显示标识。",
    )
    statement = models.TextField("网站声明", default=DEFAULT_STATEMENT)
    privacy = models.TextField("隐私声明", default=DEFAULT_PRIVACY)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="更新人",
        editable=False,
    )

    class Meta:
        verbose_name = "网站标识与声明"
        verbose_name_plural = "网站标识与声明"

    def __str__(self) -> str:
        return self.site_name or "网站标识与声明"

    def clean(self):
        errors = {}
        if self.site_id_code and not _SITE_ID_CODE.match(self.site_id_code):
            errors["site_id_code"] = "网站标识码应为 10 位数字或字母，如 3305240001。"
        if self.icp_number and not _ICP.match(self.icp_number):
            errors["icp_number"] = (
                "ICP备案号格式不正确，应如“浙ICP备05001234号”或“浙ICP备05001234号-1”。"
            )
        if self.police_number and not _POLICE.match(self.police_number):
            errors["police_number"] = (
                "公安机关备案号格式不正确，应如“浙公网安备 33052402000123号”（14 位数字）。"
            )
        if self.site_domain and not _DOMAIN.match(self.site_domain):
            errors["site_domain"] = "网站域名格式不正确，只填写域名，如 www.example.gov.cn。"
        host = (urlsplit(self.gov_mark_url).hostname or "") if self.gov_mark_url else ""
        if self.gov_mark_url and not (host == "conac.cn" or host.endswith(".conac.cn")):
            errors["gov_mark_url"] = "党政机关网站标识链接应为 conac.cn 提供的地址。"
        if errors:
            raise ValidationError(errors)

    @property
    def police_record_code(self) -> str:
        match = _POLICE.match(self.police_number or "")
        return match["code"] if match else ""
