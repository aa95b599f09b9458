from django.urls import path

from campaigns import feeds, views

app_name = "campaigns"
urlpatterns = [
    path("cam-nang/", views.handbook, name="handbook"),
    # Before the chapter pattern: "in" is a reserved chapter slug.
    path("cam-nang/in/", views.handbook_print, name="handbook_print"),
    path("cam-nang/<slug:slug>/", views.ChapterDetailView.as_view(), name="chapter"),
    path("banner/", views.banner_kit, name="banners"),
    path("banner/<slug:slug>.zip", views.banner_zip, name="banner_zip"),
    path("banner/<slug:slug>/<int:width>x<int:height>.png", views.banner_image, name="banner_image"),
    path("tin-tuc/", views.news_list, name="news"),
    path("tin-tuc/rss/", feeds.NewsRssFeed(), name="news_rss"),
    path("tin-tuc/atom/", feeds.NewsAtomFeed(), name="news_atom"),
    path("tin-tuc/<slug:slug>/", views.news_detail, name="news_detail"),
]
