// Key Vault (RBAC mode) holding the app's secrets. App settings reference the exact secret
// version written by this deployment, so a new value provisioned here reaches the app at once
// (the changed setting restarts it) and nothing changes behind the template's back.

param location string
param tags object
param name string

@secure()
@description('Approvals:SigningKey — base64, at least 32 bytes.')
param signingKey string

@secure()
@description('Approvals:ApiKeys:0 — the staff key the dashboard checks itself.')
param staffKey string

@secure()
@description('SMTP relay password; empty means no secret is stored (relay without authentication, or no relay).')
param smtpPassword string = ''

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource signingKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'approvals-signing-key'
  properties: {
    value: signingKey
    contentType: 'base64; HMAC-SHA256 key for approval links'
  }
}

resource staffKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'approvals-staff-key'
  properties: {
    value: staffKey
    contentType: 'staff key for the dashboard (HTTP Basic password)'
  }
}

resource smtpPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(smtpPassword)) {
  parent: vault
  name: 'smtp-password'
  properties: {
    value: smtpPassword
    contentType: 'SMTP relay password'
  }
}

output name string = vault.name
output endpoint string = vault.properties.vaultUri
output signingKeySecretUri string = signingKeySecret.properties.secretUriWithVersion
output staffKeySecretUri string = staffKeySecret.properties.secretUriWithVersion
// Empty when no SMTP password was given (the secret is not deployed then).
output smtpSecretUri string = smtpPasswordSecret.?properties.secretUriWithVersion ?? ''
