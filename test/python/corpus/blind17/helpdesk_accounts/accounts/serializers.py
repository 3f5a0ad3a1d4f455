from rest_framework import serializers

from .models import Invitation, User


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "email", "first_name", "last_name", "is_staff"]


class InvitationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Invitation
        fields = ["id", "email", "accepted"]
        read_only_fields = ["accepted"]


class IdpMetadataSerializer(serializers.Serializer):
    metadata_url = serializers.URLField()
