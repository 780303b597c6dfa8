from django.urls import path

from .views import BeforeYouGoView, PracticalFactsView

app_name = "advice"
urlpatterns = [
    path("before-you-go/", BeforeYouGoView.as_view(), name="before_you_go"),
    path("practical/", PracticalFactsView.as_view(), name="practical_facts"),
]
