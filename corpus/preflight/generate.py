#!/usr/bin/env python3
"""Writes the SYNTHETIC pre-flight fixtures of corpus/preflight/ (deterministic; every name,
address and key is invented). Run from this folder: ./generate.py

  northwind/ad-full.xml   a full csexport of the AD connector (no /f filter) holding each
                          defect the pre-flight rules predict, its near misses (values just
                          inside the limits, legal characters next to illegal ones) and the
                          well-known objects IdFix leaves out
  northwind/domains.json  the tenant's domains (Graph GET /v1.0/domains)
  clean/ad-full.xml       a full dump of clean and excluded objects only: no prediction
"""
import base64
import os

HEADER = ('<?xml version="1.0" encoding="UTF-8"?>\n'
          '<!-- SYNTHETIC csx test fixture (corpus/preflight/generate.py): a full csexport of an AD '
          'connector; every name, address and key is invented -->\n<cs-objects>\n')


def esc(v):
    return v.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('"', '&quot;')


class Dump:
    def __init__(self, domain):
        self.domain = domain
        self.n = 0
        self.parts = [HEADER]

    def obj(self, cn, attrs, kind='user', ou='OU=Staff', connector='1', raw_dn=None):
        self.n += 1
        dn = raw_dn or f'CN={cn},{ou},{self.domain}'
        guid = '{%08X-0000-4000-8000-%012X}' % (self.n, self.n)
        anchor = base64.b64encode(self.n.to_bytes(16, 'big')).decode()
        out = [f'<cs-object cs-dn="{esc(dn)}" id="{guid}" object-type="{kind}">\n',
               f' <synchronized-hologram>\n  <entry dn="{esc(dn)}">\n',
               f'   <anchor encoding="base64">{anchor}</anchor>\n',
               f'   <primary-objectclass>{kind}</primary-objectclass>\n']
        for name, values in attrs:
            if isinstance(values, (str, bytes)):
                values = [values]
            mv = 'true' if len(values) > 1 or name in ('proxyAddresses', 'userCertificate') else 'false'
            vals = ''
            for v in values:
                if isinstance(v, bytes):
                    vals += f'<value encoding="base64">{base64.b64encode(v).decode()}</value>'
                else:
                    vals += f'<value>{esc(v)}</value>'
            out.append(f'   <attr name="{name}" type="string" multivalued="{mv}">{vals}</attr>\n')
        out.append('  </entry>\n </synchronized-hologram>\n')
        out.append(f' <connector>{connector}</connector>\n <connector-state>normal</connector-state>\n')
        out.append('</cs-object>\n')
        self.parts.append(''.join(out))

    def user(self, cn, upn=None, mail=None, proxies=(), nick=None, display=None, sam=None, extra=(),
             **kw):
        attrs = [('cn', cn)]
        if sam is not None:
            attrs.append(('sAMAccountName', sam))
        if upn is not None:
            attrs.append(('userPrincipalName', upn))
        if mail is not None:
            attrs.append(('mail', mail))
        if proxies:
            attrs.append(('proxyAddresses', list(proxies)))
        if nick is not None:
            attrs.append(('mailNickname', nick))
        attrs.append(('displayName', display if display is not None else cn))
        attrs.extend(extra)
        self.obj(cn, attrs, **kw)

    def write(self, path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w', encoding='utf-8', newline='\n') as f:
            f.write(''.join(self.parts) + '</cs-objects>\n')


def certs(n):
    return [bytes([0x30, 0x82, i, 0x10]) + bytes(40) for i in range(n)]


def northwind():
    d = Dump('DC=northwind,DC=example')
    # Clean, in scope: the reference point.
    d.user('Clara Clean', upn='clara.clean@northwind.com', mail='clara.clean@northwind.com',
           proxies=['SMTP:clara.clean@northwind.com', 'X500:/o=Northwind/ou=First/cn=Recipients/cn=clara'],
           nick='clara.clean', sam='cclean')
    # preflight-duplicate-address: Ann's UPN is the Sales Desk group's proxy (other case).
    d.user('Ann Dup', upn='ann@northwind.com', mail='ann@northwind.com',
           proxies=['SMTP:ann@northwind.com'], nick='ann', sam='ann')
    d.obj('Sales Desk', [('cn', 'Sales Desk'), ('sAMAccountName', 'salesdesk'),
                         ('mail', 'sales@northwind.com'),
                         ('proxyAddresses', ['SMTP:sales@northwind.com', 'smtp:ANN@northwind.com']),
                         ('mailNickname', 'salesdesk'), ('displayName', 'Sales Desk')],
          kind='group', ou='OU=Groups')
    # ... near miss: ann1@ is another address.
    d.user('Ann Other', upn='ann1@northwind.com', nick='ann1', sam='ann1')
    # preflight-invalid-characters: a space in the UPN, a leading period in mailNickname,
    # a parenthesis in a proxy address; near misses: an apostrophe in the UPN (legal), a period
    # inside the nickname, a plus sign in the proxy (legal).
    d.user('Bad Space', upn='bad space@northwind.com', nick='badspace', sam='bspace')
    d.user('Dot Nick', upn='dot.nick@northwind.com', nick='.dotnick', sam='dnick')
    d.user('Paren Proxy', upn='paren@northwind.com', proxies=['SMTP:paren@northwind.com', 'smtp:par(en)@northwind.com'],
           nick='paren', sam='paren')
    d.user("Owen O'Brien", upn="owen.o'brien@northwind.com", nick='owen.obrien', sam='oobrien',
           proxies=['SMTP:owen+news@northwind.com'])
    # preflight-length: 65 characters before the @ (near miss: 64, 48 after it, 113 in all).
    d.user('Long Name', upn='l' * 65 + '@northwind.com', nick='longname', sam='lname')
    d.user('Just Fits', upn='j' * 64 + '@' + 'n' * 34 + '.northwind.com', nick='j' * 64, sam='jfits',
           display='D' * 256)
    # preflight-nonroutable-upn: a .local suffix, and one the tenant has not verified.
    d.user('Local Suffix', upn='local.suffix@northwind.local', nick='localsuffix', sam='lsuffix')
    d.user('Unverified Suffix', upn='unverified@fabrikam.com', nick='unverified', sam='unverified')
    d.user('Sub Domain', upn='sub@eu.northwind.com', nick='subdomain', sam='subdomain')
    # preflight-large-object: 16 certificates, a 100 KB + 1 byte photo (near misses: 15
    # certificates, a photo of exactly 100 KB).
    d.user('Cert Heavy', upn='cert.heavy@northwind.com', nick='certheavy', sam='certheavy',
           extra=[('userCertificate', certs(16))])
    d.user('Photo Heavy', upn='photo.heavy@northwind.com', nick='photoheavy', sam='photoheavy',
           extra=[('thumbnailPhoto', bytes(102401))])
    d.user('Cert Fits', upn='cert.fits@northwind.com', nick='certfits', sam='certfits',
           extra=[('userCertificate', certs(15)), ('thumbnailPhoto', bytes(102400))])
    excluded(d)
    d.write('northwind/ad-full.xml')
    with open('northwind/domains.json', 'w', encoding='utf-8', newline='\n') as f:
        f.write('{\n  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#domains",\n'
                '  "value": [\n'
                '    {"id": "northwind.com", "isVerified": true, "isDefault": true, "isInitial": false, "authenticationType": "Managed"},\n'
                '    {"id": "northwindtraders.onmicrosoft.com", "isVerified": true, "isDefault": false, "isInitial": true, "authenticationType": "Managed"},\n'
                '    {"id": "fabrikam.com", "isVerified": false, "isDefault": false, "isInitial": false, "authenticationType": "Managed"}\n'
                '  ]\n}\n')


def excluded(d):
    """Objects IdFix leaves out (or the sync never exports), each with a defect."""
    bad = 'bad space@northwind.local'
    d.user('krbtgt', upn=bad, sam='krbtgt', ou='CN=Users')
    d.user('MSOL_0123456789ab', upn=bad, sam='MSOL_0123456789ab', ou='CN=Users')
    d.user('SystemMailbox{1f05a927-0000}', upn=bad, sam='SM_1f05a927', nick='SystemMailbox{1f05a927}')
    d.user('DiscoverySearchMailbox {D919BA05}', upn=bad, sam='SM_d919ba05')
    d.user('FederatedEmail.4c1f4d8b', upn=bad, sam='SM_4c1f4d8b')
    d.user('WKS01', upn=bad, sam='WKS01$')
    d.user('Ann Dup', upn='ann@northwind.com', sam='anndup2',
           raw_dn='CN=Ann Dup\\0ACNF:5c1a1b2e-0000-4000-8000-000000000001,OU=Staff,DC=northwind,DC=example')
    d.user('Critical', upn=bad, sam='critical', extra=[('isCriticalSystemObject', 'TRUE')])
    d.user('Filtered Out', upn=bad, sam='filtered', connector='0')


def clean():
    d = Dump('DC=clean,DC=example')
    d.user('Clara Clean', upn='clara@clean.com', mail='clara@clean.com',
           proxies=['SMTP:clara@clean.com', 'smtp:clara.c@clean.com'], nick='clara', sam='clara')
    d.user('Carl Clean', upn='carl@clean.com', mail='carl@clean.com',
           proxies=['SMTP:carl@clean.com'], nick='carl', sam='carl')
    d.obj('Team', [('cn', 'Team'), ('mail', 'team@clean.com'), ('proxyAddresses', ['SMTP:team@clean.com']),
                   ('mailNickname', 'team'), ('displayName', 'Team')], kind='group', ou='OU=Groups')
    excluded(d)
    d.write('clean/ad-full.xml')


if __name__ == '__main__':
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    northwind()
    clean()
