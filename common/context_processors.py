from django.conf import settings


def site(request):
    """Values every page needs: the open-data licence and the site's address."""
    return {"open_data_licence": settings.OPEN_DATA_LICENCE, "site_url": settings.SITE_URL}
