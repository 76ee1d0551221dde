"""The two lists MIIT asks apps and mini programs to publish beside the privacy policy, rendered from data/.

- collection.py: the list of personal information collected (已收集个人信息清单), from data/inventory.yml;
- third_parties.py: the list of personal information shared with third parties (第三方信息共享清单),
  from data/third_parties.yml, where every value the company has not confirmed stays visibly unconfirmed;
- words.py: the words the lists print around the data, per language.

Pure functions from data to Markdown and findings: the site plan decides where each list is published.
"""
