-- Database roles for a team's OmniDesk on PostgreSQL. Run once as a superuser on the
-- team's database, before the first `omnidesk db upgrade`:
--     psql -d omnidesk -f roles.sql
-- then give each login a password (ALTER ROLE ... PASSWORD ...) or use your usual auth.
--
--   omnidesk_owner    owns the schema; the only role that runs `omnidesk db upgrade`
--   omnidesk_agents   the agents' desktops (a group: one login role per person, IN ROLE it)
--   omnidesk_gateway  the gateway: web form, chat and mail workers; holds no agent's login
--
-- Desktops and the gateway read and write OmniDesk's rows and nothing else: no DDL, no
-- other schemas. A desktop newer than the schema says so and asks for the upgrade.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'omnidesk_owner') THEN
        CREATE ROLE omnidesk_owner LOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'omnidesk_agents') THEN
        CREATE ROLE omnidesk_agents NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'omnidesk_gateway') THEN
        CREATE ROLE omnidesk_gateway LOGIN;
    END IF;
    EXECUTE format(
        'GRANT CONNECT ON DATABASE %I TO omnidesk_owner, omnidesk_agents, omnidesk_gateway',
        current_database()
    );
END
$$;

GRANT USAGE, CREATE ON SCHEMA public TO omnidesk_owner;
GRANT USAGE ON SCHEMA public TO omnidesk_agents, omnidesk_gateway;

-- Tables and sequences the owner creates (every migration) are usable by the others.
ALTER DEFAULT PRIVILEGES FOR ROLE omnidesk_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO omnidesk_agents, omnidesk_gateway;
ALTER DEFAULT PRIVILEGES FOR ROLE omnidesk_owner IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO omnidesk_agents, omnidesk_gateway;

-- Each agent: CREATE ROLE anna LOGIN IN ROLE omnidesk_agents;
