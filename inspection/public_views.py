"""The public 纠错 form (我为政府网站找错): a visitor's report reaches the office."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from common.ratelimit import Limit, client_address, hit
from inspection import services
from inspection.forms import CorrectionForm

# F8: public forms are rate limited (as the request form).
CORRECTION_LIMIT = Limit("site_correction", count=5, seconds=3600)


@require_http_methods(["GET", "HEAD", "POST"])
def correction(request):
    if request.method == "POST":
        form = CorrectionForm(request.POST)
        if not hit(CORRECTION_LIMIT, client_address(request)):
            form.is_valid()  # keep what was typed
            form.add_error(None, "提交过于频繁，请一小时后再试。如有急需，请电话联系局办公室。")
            return render(request, "inspection/correction.html", {"form": form}, status=429)
        if form.is_valid():
            services.correction_submit(data=form.cleaned_data)
            return redirect("correction_thanks")
    else:
        form = CorrectionForm(initial={"page_url": request.GET.get("url", "")[:500]})
    return render(request, "inspection/correction.html", {"form": form})


def correction_thanks(request):
    return render(request, "inspection/correction.html", {"thanks": True})
