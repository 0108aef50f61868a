package io.effortmap.common.security;

/** Keycloak realm roles. The role matrix lives in docs/security.md. */
public final class Roles {

    public static final String CX_ADMIN = "cx-admin";
    public static final String CX_ANALYST = "cx-analyst";
    public static final String CRM_PARTNER = "crm-partner";
    /** Held only by the service accounts of Effortmap's own services (change feeds). */
    public static final String SERVICE = "effortmap-service";
    /** Platform operators: maintenance endpoints that are not tied to one workspace (not routed by the gateway). */
    public static final String OPERATOR = "effortmap-operator";

    private Roles() {
    }
}
