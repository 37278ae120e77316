"use strict";
{% comment %}Swagger UI's start-up, served as its own script (no inline script under the CSP). The
API is read-only and anonymous: none of drf-spectacular's login or CSRF handling is needed, so
this page sets no cookie.{% endcomment %}
window.ui = SwaggerUIBundle({
  url: "{{ schema_url|escapejs }}",
  dom_id: "#swagger-ui",
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
  ...{{ settings|safe }},
});
