from django.urls import path
from . import views

urlpatterns = [
    path('', views.member_search, name='member_search'),
    path('<int:member_id>/', views.member_detail, name='member_detail'),
    path('<int:member_id>/calendar.ics', views.calendar_feed, name='calendar_feed'),
    path('standings/<int:tournament_id>/', views.standings, name='standings'),
    path('hello/', views.hello, name='hello'),
    path('pgn/', views.download_pgn, name='download_pgn'),
    path('pgn/upload/', views.upload_pgn, name='upload_pgn'),
    path('pgn/<str:name>/analyse/', views.analyse_pgn, name='analyse_pgn'),
    path('login/', views.login_view, name='login'),
    path('logout/', views.logout_view, name='logout'),
    path('fide/', views.fide_rating, name='fide_rating'),
    path('import/', views.import_members, name='import_members'),
    path('api/results/', views.api_results, name='api_results'),
    path('api/me/', views.api_me, name='api_me'),
]
