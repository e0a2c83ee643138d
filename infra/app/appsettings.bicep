// The function app's settings, written once its identity holds its roles (main.bicep orders this
// after rbac.bicep). Keys are exactly the app's configuration keys with ':' spelled '__'.
// Secrets are Key Vault references, resolved by the platform with the app's identity.

param functionAppName string
param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string
param applicationInsightsConnectionString string
param signingKeySecretUri string
param staffKeySecretUri string

@description('Secret URI of the SMTP password; empty when no password is configured.')
param smtpPasswordSecretUri string = ''

param publicBaseUrl string
param mailFrom string
param smtpHost string
param smtpPort int
param smtpUserName string
param smtpUseTls bool

resource functionApp 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: {
    // Functions host, Durable Task hub and the app's own storage clients, all through the identity.
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
    AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
    AzureWebJobsStorage__tableServiceUri: storageTableEndpoint

    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'

    Approvals__SigningKey: '@Microsoft.KeyVault(SecretUri=${signingKeySecretUri})'
    // The dashboard checks this key itself: a browser sends it by HTTP Basic, which the host's Function keys do not read.
    Approvals__ApiKeys__0: '@Microsoft.KeyVault(SecretUri=${staffKeySecretUri})'
    Approvals__PublicBaseUrl: publicBaseUrl
    Approvals__Mail__From: mailFrom
    // An empty host means no relay: the app captures mail into its mailbox (blob container 'mailbox') instead.
    Approvals__Mail__Smtp__Host: smtpHost
    Approvals__Mail__Smtp__Port: string(smtpPort)
    Approvals__Mail__Smtp__UserName: smtpUserName
    Approvals__Mail__Smtp__Password: empty(smtpPasswordSecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${smtpPasswordSecretUri})'
    Approvals__Mail__Smtp__UseTls: string(smtpUseTls)
  }
}
