// Approvals in Azure: one Flex Consumption function app (.NET 10 isolated worker, Durable Functions
// on Azure Storage) reaching storage, Key Vault and Application Insights with its own identity.
// Deploy with `azd up` from the repository root: main.parameters.json fills each parameter from an azd
// environment variable (AZURE_LOCATION, SMTP_HOST, APPROVALS_SIGNING_KEY, ...).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; part of every resource name and of the resource token.')
param environmentName string

@minLength(1)
@description('Region for all resources; it must offer the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying user (azd sets AZURE_PRINCIPAL_ID); gets data access to storage and Key Vault. Empty skips it.')
param principalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
@description('Kind of principal behind principalId.')
param principalType string = 'User'

@description('SMTP relay host name. Empty: no relay, outgoing mail is captured into the app\'s mailbox in blob storage.')
param smtpHost string = ''

@minValue(1)
@maxValue(65535)
@description('SMTP relay port.')
param smtpPort int = 587

@description('SMTP user name; empty for a relay without authentication.')
param smtpUserName string = ''

@secure()
@description('SMTP password; stored in Key Vault. Empty for a relay without authentication.')
param smtpPassword string = ''

@description('Use TLS (STARTTLS or implicit, per port) with the SMTP relay.')
param smtpUseTls bool = true

@description('Sender address of every mail the app sends, e.g. "Approvals <approvals@example.org>".')
param mailFrom string = ''

@description('Public origin put into links in mails, e.g. https://approvals.example.org. Empty: the function app\'s own https://<name>.azurewebsites.net.')
param publicBaseUrl string = ''

@secure()
@minLength(44)
@description('Approvals:SigningKey — base64 of at least 32 random bytes. azd generates one per environment on first provision and keeps it; set APPROVALS_SIGNING_KEY to supply or rotate it.')
@metadata({
  azd: {
    type: 'generate'
    config: {
      // Letters and digits only: every such 64-character string is valid base64 for 48 bytes.
      length: 64
      noSpecial: true
    }
  }
})
param signingKey string

@secure()
@minLength(16)
@description('Approvals:ApiKeys:0 — the staff key the dashboard asks a browser for (HTTP Basic password); the API keeps taking Function keys. azd generates one per environment on first provision and keeps it (azd env get-value APPROVALS_STAFF_KEY); set APPROVALS_STAFF_KEY to supply or rotate it.')
@metadata({
  azd: {
    type: 'generate'
    config: {
      length: 40
      noSpecial: true
    }
  }
})
param staffKey string

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = '${abbrs.webSitesFunctions}approvals-${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    location: location
    tags: tags
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    location: location
    tags: tags
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    deploymentContainerName: 'app-package-${resourceToken}'
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    location: location
    tags: tags
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    signingKey: signingKey
    staffKey: staffKey
    smtpPassword: smtpPassword
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    location: location
    tags: tags
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.name
    appPrincipalId: api.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

var apiUri = 'https://${api.outputs.defaultHostName}'

module availability 'app/availability.bicep' = {
  name: 'availability'
  scope: rg
  params: {
    location: location
    tags: tags
    name: 'readiness-${resourceToken}'
    applicationInsightsName: monitoring.outputs.name
    hostName: api.outputs.defaultHostName
  }
}

module appSettings 'app/appsettings.bicep' = {
  name: 'appsettings'
  scope: rg
  // The host starts on this write; its identity must already hold the storage and Key Vault roles.
  dependsOn: [
    rbac
  ]
  params: {
    functionAppName: api.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    signingKeySecretUri: keyVault.outputs.signingKeySecretUri
    staffKeySecretUri: keyVault.outputs.staffKeySecretUri
    smtpPasswordSecretUri: keyVault.outputs.smtpSecretUri
    publicBaseUrl: empty(publicBaseUrl) ? apiUri : publicBaseUrl
    mailFrom: mailFrom
    smtpHost: smtpHost
    smtpPort: smtpPort
    smtpUserName: smtpUserName
    smtpUseTls: smtpUseTls
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.endpoint
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = apiUri
output APPROVALS_PUBLIC_BASE_URL string = empty(publicBaseUrl) ? apiUri : publicBaseUrl
