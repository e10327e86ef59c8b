-- 006_graph: Microsoft Graph JSON with onPremisesProvisioningErrors (a `value` page or a bare array).

CREATE TABLE cloud_object (
    cloud_object_id INTEGER PRIMARY KEY,
    file_id         INTEGER NOT NULL REFERENCES source_file,
    line            INTEGER NOT NULL,   -- line of the object's opening brace
    graph_id        TEXT,               -- id
    object_type     TEXT,               -- from @odata.type (user | group | orgContact), else the page context
    display_name    TEXT,               -- displayName
    user_principal_name TEXT,           -- userPrincipalName
    mail            TEXT,               -- mail
    immutable_id    TEXT,               -- onPremisesImmutableId
    proxy_addresses TEXT,               -- JSON array: proxyAddresses
    properties      TEXT                -- JSON object: every other scalar property, as written
) STRICT;

CREATE TABLE provisioning_error (
    cloud_object_id INTEGER NOT NULL REFERENCES cloud_object,
    line            INTEGER NOT NULL,
    category        TEXT,               -- category: PropertyConflict
    occurred        TEXT,               -- occurredDateTime, normalised
    property        TEXT,               -- propertyCausingError: UserPrincipalName | ProxyAddress
    value           TEXT                -- value
) STRICT;

PRAGMA user_version = 6;
