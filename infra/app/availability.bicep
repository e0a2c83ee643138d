// Probes the app's readiness (/api/readyz) from three regions every five minutes. Flex Consumption has no
// platform health check (siteConfig.healthCheckPath takes an instance out of a load balancer on App Service
// and Premium plans; Flex instances are placed by the scale controller), so an Application Insights
// standard test is what watches it here: its results and failures show under the app's Availability.

param location string
param tags object
param name string
param applicationInsightsName string

@description('The app\'s host name, e.g. func-approvals-<token>.azurewebsites.net.')
param hostName string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource readiness 'Microsoft.Insights/webtests@2022-06-15' = {
  name: name
  location: location
  // Application Insights lists a web test only when the test carries this link to it.
  tags: union(tags, { 'hidden-link:${applicationInsights.id}': 'Resource' })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: name
    Name: 'Approvals readiness'
    Description: 'GET /api/readyz: storage, the Durable task hub and the mail outbox answer (503 when one does not).'
    Enabled: true
    Kind: 'standard'
    Frequency: 300
    Timeout: 30
    RetryEnabled: true
    Locations: [
      { Id: 'emea-nl-ams-azr' }
      { Id: 'us-va-ash-azr' }
      { Id: 'apac-sg-sin-azr' }
    ]
    Request: {
      RequestUrl: 'https://${hostName}/api/readyz'
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 7
    }
  }
}

output name string = readiness.name
