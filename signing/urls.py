from django.urls import path

from signing import views

app_name = "signing"

B = "b/<slug:slug>/"
Y = B + "<int:year>/signatures/"
D = Y + "<slug:doc>/"
P = "p/<slug:slug>/"

urlpatterns = [
    path(Y, views.year_documents, name="documents"),
    path(Y + "verify/", views.verify, name="verify"),
    path(D, views.document_detail, name="document"),
    path(D + "copy.pdf", views.document_file, name="file"),
    path(D + "keep/", views.document_keep, name="keep"),
    path(D + "sign/", views.document_sign, name="sign"),
    path(D + "upload/", views.document_upload, name="upload"),
    path(D + "withdraw/", views.document_withdraw, name="withdraw"),
    path(B + "keys/", views.keys, name="keys"),
    path(B + "keys/new/", views.key_new, name="key_new"),
    path(B + "keys/<int:pk>/active/", views.key_active, name="key_active"),
    path(P + "trust/", views.anchors, name="anchors"),
    path(P + "trust/<int:pk>/remove/", views.anchor_remove, name="anchor_remove"),
    path(P + "verify/", views.province_verify, name="province_verify"),
]
