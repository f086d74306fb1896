// Shows this server's OpenAPI description (GET /fhir/api-docs) with Swagger UI. Nothing goes to another host:
// no validator badge (it would send the description to validator.swagger.io), and no URL box or ?url= (a link
// could otherwise make this page show a description from elsewhere).
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "../fhir/api-docs",
    dom_id: "#swagger-ui",
    validatorUrl: null,
    queryConfigEnabled: false,
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  });
});
