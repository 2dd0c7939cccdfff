"""Views of the pledges app, one module per page group. Each view: access → form → service →
redirect; the rules live in pledges.permissions and pledges.services."""
