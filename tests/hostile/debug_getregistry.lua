-- expect: forbidden
-- The registry holds every host secret.
return debug.getregistry()
